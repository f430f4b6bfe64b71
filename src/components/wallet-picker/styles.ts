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
  [part~='option'],
  label {
    display: flex;
    align-items: center;
    gap: var(--_gap);
  }
  [part~='option'] {
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
  }
  [part~='option-selected'] {
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
  [part='text'],
  [part='details'] {
    display: grid;
  }
  [part='name'] {
    font-weight: 600;
  }
  [part='details'] {
    font-size: 0.875em;
    color: var(--_muted);
  }
  [part='balance'] {
    color: var(--_fg);
  }
  [part='low-balance'] {
    color: var(--_warning);
  }
  [part='error'] {
    color: var(--_danger);
  }
  [part='refresh-all'],
  [part='retry'] {
    justify-self: start;
  }
`;
