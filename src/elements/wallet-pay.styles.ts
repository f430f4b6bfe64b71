import { css } from 'lit';

export const styles = css`
  :host {
    --_gap: var(--wallet-pay-gap, calc(var(--_space) * 2));
  }
  [part='base'] {
    display: grid;
    gap: var(--_gap);
  }
  h2 {
    margin: 0;
    font-size: 1.125em;
  }
  p {
    margin: 0;
  }
  h2:focus,
  p:focus {
    outline: none;
  }
  [part='pay'],
  [part='top-up'] {
    width: 100%;
  }
  [part='actions'] {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
  }
  [part='result'],
  [part='error'] {
    display: grid;
    gap: var(--_space);
    padding: calc(var(--_space) * 2);
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
    border-inline-start: 4px solid var(--_accent, var(--_primary));
  }
  [part='result'] {
    --_accent: var(--_success);
  }
  [part='result'][data-pending] {
    --_accent: var(--_warning);
  }
  [part='error'],
  [part='notice'] {
    --_accent: var(--_danger);
    color: var(--_fg);
  }
  [part='notice'] {
    border-inline-start: 4px solid var(--_accent);
    padding-inline-start: var(--_space);
  }
  [part='skeleton'] {
    display: grid;
    gap: var(--_space);
  }
  [part='skeleton'] span {
    height: 56px;
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
