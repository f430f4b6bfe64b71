/**
 * The shared reset and design tokens. Every visual value reads a global `--wallet-*` token with a default, so a
 * merchant themes all three elements at once; dark mode and reduced motion are respected by default.
 */
import { css } from 'lit';

export const sharedStyles = css`
  :host {
    box-sizing: border-box;
    display: block;
    color-scheme: light dark;
    --_fg: var(--wallet-color-text, #1b1d21);
    --_muted: var(--wallet-color-muted, #5b616e);
    --_bg: var(--wallet-color-surface, #ffffff);
    --_subtle: var(--wallet-color-subtle, #f3f4f6);
    --_border: var(--wallet-color-border, #c9ccd3);
    --_primary: var(--wallet-color-primary, #0b5cd5);
    --_on-primary: var(--wallet-color-on-primary, #ffffff);
    --_danger: var(--wallet-color-danger, #b3261e);
    --_warning: var(--wallet-color-warning, #8a5300);
    --_success: var(--wallet-color-success, #1e7d32);
    --_radius: var(--wallet-radius, 8px);
    --_space: var(--wallet-space, 8px);
    --_focus: var(--wallet-focus-ring, 0 0 0 3px color-mix(in srgb, var(--_primary) 45%, transparent));
    --_duration: var(--wallet-duration, 150ms);
    font-family: var(--wallet-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: var(--wallet-font-size, 1rem);
    line-height: 1.4;
    color: var(--_fg);
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_fg: var(--wallet-color-text, #eceef2);
      --_muted: var(--wallet-color-muted, #aab0bc);
      --_bg: var(--wallet-color-surface, #1c1e22);
      --_subtle: var(--wallet-color-subtle, #2a2d33);
      --_border: var(--wallet-color-border, #4a4f59);
      --_primary: var(--wallet-color-primary, #8ab4ff);
      --_on-primary: var(--wallet-color-on-primary, #0b1a33);
      --_danger: var(--wallet-color-danger, #ffb4ab);
      --_warning: var(--wallet-color-warning, #ffcf8a);
      --_success: var(--wallet-color-success, #8fd69b);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    :host {
      --_duration: 0ms;
    }
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  [hidden] {
    display: none !important;
  }
  button {
    font: inherit;
    min-height: 44px;
    padding: 0 calc(var(--_space) * 2);
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
    background: var(--_bg);
    color: var(--_fg);
    cursor: pointer;
    transition: background-color var(--_duration), box-shadow var(--_duration);
  }
  button.primary {
    background: var(--_primary);
    border-color: var(--_primary);
    color: var(--_on-primary);
    font-weight: 600;
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  button:focus-visible,
  input:focus-visible {
    outline: none;
    box-shadow: var(--_focus);
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
