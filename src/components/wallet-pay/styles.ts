import { css } from '../shared/css.js';

export const styles = css`
  :host {
    --_gap: var(--wallet-pay-gap, calc(var(--_space) * 2));
  }
  section {
    display: grid;
    gap: var(--_gap);
  }
  h2 {
    font-size: 1.125em;
  }
  /* The outcome panels (charged, pending, failed): a left accent in the outcome's colour. */
  .panel {
    display: grid;
    gap: var(--_space);
    padding: calc(var(--_space) * 2);
    border: 1px solid var(--_border);
    border-inline-start: 4px solid var(--_accent);
    border-radius: var(--_radius);
    --_accent: var(--_success);
  }
  .pending {
    --_accent: var(--_warning);
  }
  .failed {
    --_accent: var(--_danger);
  }
  .notice {
    color: var(--_danger);
  }
`;
