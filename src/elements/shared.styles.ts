/**
 * The shared reset, design tokens and the pieces every element draws (buttons, the live region, the skeleton, the
 * row of actions). Every visual value reads a global `--wallet-*` token with a default, so a merchant themes all
 * three elements at once. Dark mode comes from `light-dark()` under `color-scheme: light dark` (one declaration
 * per token instead of a second block); the skeleton pulses only when the shopper has not asked for reduced motion.
 *
 * Each element's host is a grid whose gap (`--_gap`, set per element) spaces its pieces, so no margins are needed.
 */
import { css } from 'lit';

export const sharedStyles = css`
  :host {
    --_fg: var(--wallet-color-text, light-dark(#1b1d21, #eceef2));
    --_muted: var(--wallet-color-muted, light-dark(#5b616e, #aab0bc));
    --_bg: var(--wallet-color-surface, light-dark(#fff, #1c1e22));
    --_subtle: var(--wallet-color-subtle, light-dark(#f3f4f6, #2a2d33));
    --_border: var(--wallet-color-border, light-dark(#c9ccd3, #4a4f59));
    --_primary: var(--wallet-color-primary, light-dark(#0b5cd5, #8ab4ff));
    --_on-primary: var(--wallet-color-on-primary, light-dark(#fff, #0b1a33));
    --_danger: var(--wallet-color-danger, light-dark(#b3261e, #ffb4ab));
    --_warning: var(--wallet-color-warning, light-dark(#8a5300, #ffcf8a));
    --_success: var(--wallet-color-success, light-dark(#1e7d32, #8fd69b));
    --_radius: var(--wallet-radius, 8px);
    --_space: var(--wallet-space, 8px);
    display: grid;
    gap: var(--_gap);
    box-sizing: border-box;
    color-scheme: light dark;
    font: var(--wallet-font-size, 1rem) / 1.4 var(--wallet-font-family, system-ui, sans-serif);
    color: var(--_fg);
  }
  :host([hidden]) {
    display: none;
  }
  * {
    box-sizing: inherit;
    margin: 0;
  }
  button {
    font: inherit;
    min-height: 44px;
    padding: 0 calc(var(--_space) * 2);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_fg);
    cursor: pointer;
  }
  .primary {
    background: var(--_primary);
    border-color: var(--_primary);
    color: var(--_on-primary);
    font-weight: 600;
  }
  button:disabled,
  input:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  :focus-visible {
    outline: 2px solid var(--_primary);
    outline-offset: 2px;
  }
  /* Headings and messages take focus from the code (tabindex=-1) only to be read out; no ring for them. */
  [tabindex='-1'] {
    outline: none;
  }
  [part='actions'] {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
  }
  [part='skeleton'] {
    display: grid;
    gap: var(--_space);
  }
  [part='skeleton'] span {
    height: 56px;
    border-radius: var(--_radius);
    background: var(--_subtle);
  }
  @media (prefers-reduced-motion: no-preference) {
    [part='skeleton'] span {
      animation: pulse 1.2s infinite alternate;
    }
  }
  @keyframes pulse {
    to {
      opacity: 0.5;
    }
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;
