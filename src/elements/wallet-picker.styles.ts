import { css } from 'lit';

export const styles = css`
  :host {
    --_gap: var(--wallet-picker-gap, var(--_space));
    --_selected: var(--wallet-picker-selected-color, var(--_primary));
    --_icon: var(--wallet-picker-icon-size, 32px);
  }
  [part='list'] {
    display: grid;
    gap: var(--_gap);
    margin: 0 0 var(--_gap);
    padding: 0;
    border: 0;
    min-width: 0;
  }
  [part='legend'] {
    padding: 0;
    margin-bottom: var(--_gap);
    font-weight: 600;
  }
  [part~='option'] {
    display: flex;
    align-items: center;
    gap: var(--_gap);
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
  }
  [part~='option-selected'] {
    border-color: var(--_selected);
    box-shadow: inset 0 0 0 1px var(--_selected);
  }
  [part='label'] {
    flex: 1;
    display: flex;
    align-items: center;
    gap: var(--_gap);
    cursor: pointer;
    min-height: 44px;
  }
  fieldset:disabled [part='label'] {
    cursor: not-allowed;
  }
  [part='radio'] {
    margin: 0;
    width: 18px;
    height: 18px;
    accent-color: var(--_primary);
  }
  [part='radio']:focus-visible {
    outline: 2px solid var(--_primary);
    outline-offset: 2px;
  }
  svg {
    flex: none;
    width: var(--_icon);
    height: var(--_icon);
  }
  [part='text'],
  [part='details'] {
    display: flex;
    flex-direction: column;
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
    padding: var(--_space);
    margin-bottom: var(--_gap);
    border: 1px solid var(--_danger);
    border-radius: var(--_radius);
    color: var(--_danger);
  }
  [part='error']:focus {
    outline: none;
    box-shadow: var(--_focus);
  }
  [part='skeleton'] {
    display: grid;
    gap: var(--_gap);
  }
  [part='skeleton'] span {
    height: 62px;
    border-radius: var(--_radius);
    background: var(--_subtle);
    animation: pulse 1.2s ease-in-out infinite alternate;
  }
  @keyframes pulse {
    to {
      opacity: 0.5;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    [part='skeleton'] span {
      animation: none;
    }
  }
`;
