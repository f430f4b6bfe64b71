import { css } from '../shared/css.js';

export const styles = css`
  :host {
    --_gap: var(--wallet-pay-gap, calc(var(--_space) * 2));
  }
  [part='base'] {
    display: grid;
    gap: var(--_gap);
  }
  h2 {
    font-size: 1.125em;
  }
  /* The outcome panels: a left accent in the outcome's colour. */
  [part='result'],
  [part='error'] {
    display: grid;
    gap: var(--_space);
    padding: calc(var(--_space) * 2);
    border: 1px solid var(--_border);
    border-inline-start: 4px solid var(--_accent);
    border-radius: var(--_radius);
    --_accent: var(--_success);
  }
  [data-pending] {
    --_accent: var(--_warning);
  }
  [part='error'] {
    --_accent: var(--_danger);
  }
  [part='notice'] {
    color: var(--_danger);
  }
`;
