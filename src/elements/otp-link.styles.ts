import { css } from 'lit';

export const styles = css`
  :host {
    --_input-width: var(--otp-link-input-width, 12ch);
    --_letters: var(--otp-link-letter-spacing, 0.3em);
  }
  p {
    margin: 0 0 var(--_space);
  }
  [part='hint'],
  [part='attempts'] {
    font-size: 0.875em;
    color: var(--_muted);
  }
  [part='attempts'] {
    color: var(--_warning);
  }
  [part='label'] {
    display: block;
    font-weight: 600;
    margin-bottom: calc(var(--_space) / 2);
  }
  [part='input'] {
    font: inherit;
    font-size: 1.25em;
    font-variant-numeric: tabular-nums;
    letter-spacing: var(--_letters);
    width: var(--_input-width);
    max-width: 100%;
    min-height: 44px;
    padding: 0 var(--_space);
    margin-bottom: calc(var(--_space) / 2);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_fg);
  }
  [part='input'][aria-invalid='true'] {
    border-color: var(--_danger);
  }
  [part='input']:disabled {
    opacity: 0.6;
  }
  [part='actions'] {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    margin-bottom: var(--_space);
  }
  [part='error'] {
    color: var(--_danger);
  }
  [part='done'] {
    color: var(--_success);
    font-weight: 600;
  }
  [part='error']:focus,
  [part='done']:focus {
    outline: none;
    box-shadow: var(--_focus);
  }
`;
