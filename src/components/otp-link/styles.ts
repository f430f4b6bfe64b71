import { css } from '../shared/css.js';

export const styles = css`
  :host,
  form {
    --_gap: var(--_space);
    display: grid;
    gap: var(--_gap);
    justify-items: start;
  }
  [part='hint'],
  [part='attempts'] {
    font-size: 0.875em;
    color: var(--_muted);
  }
  [part='attempts'] {
    color: var(--_warning);
  }
  label {
    font-weight: 600;
  }
  input {
    font-size: 1.25em;
    letter-spacing: var(--otp-link-letter-spacing, 0.3em);
    width: var(--otp-link-input-width, 12ch);
    max-width: 100%;
  }
  [aria-invalid='true'] {
    border-color: var(--_danger);
  }
  [part='error'] {
    color: var(--_danger);
  }
  [part='done'] {
    color: var(--_success);
    font-weight: 600;
  }
`;
