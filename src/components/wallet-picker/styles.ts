import { css } from '../shared/css.js';

export const styles = css`
  :host {
    --_gap: var(--wallet-picker-gap, var(--_space));
    --_selected: var(--wallet-picker-selected-color, var(--_primary));
    --_icon: var(--wallet-picker-icon-size, 32px);
  }
  fieldset {
    display: grid;
    gap: var(--_gap);
    padding: 0;
    border: 0;
    min-width: 0;
  }
  legend {
    padding: 0 0 var(--_gap);
    font-weight: 600;
  }
  .option,
  label {
    display: flex;
    align-items: center;
    gap: var(--_gap);
  }
  /* A row wraps when it is narrow (320 px, large text): its buttons go under the wallet instead of off screen. */
  .option {
    flex-wrap: wrap;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
  }
  /* The question before Unlink: a line of its own under the wallet, its answers side by side. */
  [role='group'] {
    flex: 1 1 100%;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_gap);
  }
  [role='group'] p {
    flex: 1 1 100%;
  }
  .selected {
    outline: 2px solid var(--_selected);
    outline-offset: -1px;
  }
  label {
    flex: 1;
    min-height: 44px;
    cursor: pointer;
  }
  input {
    width: 18px;
    height: 18px;
    accent-color: var(--_primary);
  }
  svg {
    flex: none;
    width: var(--_icon);
    height: var(--_icon);
  }
  /* Name and details, stacked. */
  label > span,
  .details {
    display: grid;
  }
  .name {
    font-weight: 600;
  }
  .details {
    font-size: 0.875em;
    color: var(--_muted);
  }
  .balance {
    color: var(--_fg);
  }
  .low {
    color: var(--_warning);
  }
  [role='alert'] {
    color: var(--_danger);
  }
  /* "Refresh all" and "Try again", under the list. */
  :host > button {
    justify-self: start;
  }
`;
