import { css } from '../shared/css.js';

export const styles = css`
  :host,
  form {
    --_gap: var(--_space);
    display: grid;
    gap: var(--_gap);
    justify-items: start;
  }
  .hint {
    font-size: 0.875em;
    color: var(--_muted);
  }
  #attempts {
    color: var(--_warning);
  }
  h2 {
    font-size: 1em;
  }
  label {
    font-weight: 600;
  }
  /* Wide enough for the longest code (8 digits) with its letter spacing, padding and border; its border has the
     muted text colour (the danger colour once invalid), so the field's outline keeps 3:1 against the page (1.4.11). */
  input {
    font-size: 1.25em;
    letter-spacing: var(--otp-link-letter-spacing, 0.3em);
    width: var(--otp-link-input-width, calc(8ch + 8 * var(--otp-link-letter-spacing, 0.3em) + 4 * var(--_space) + 2px));
    max-width: 100%;
  }
  input:not([aria-invalid='true']) {
    border-color: var(--_muted);
  }
  input[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  #error {
    color: var(--_danger);
  }
  #done {
    color: var(--_success);
    font-weight: 600;
  }
`;
