/**
 * The shared reset, design tokens and the pieces every element draws (buttons, the live region, the skeleton, the
 * row of actions). Every visual value reads a global `--wallet-*` token with a default, so a merchant themes all
 * three elements at once. Dark mode comes from `light-dark()` (one declaration per token instead of a second
 * block) under the `color-scheme` the host inherits from the page: a page that declares `color-scheme: light dark`
 * gets the dark palette when the shopper prefers dark, a light-only page (most shops) keeps the light one, so the
 * text is never light on a light page. The skeleton pulses only when the shopper has not asked for reduced motion.
 *
 * The default palette is written in 3-digit colours (bytes count); every text colour keeps at least 5:1 contrast
 * (WCAG AA) on its background in both schemes.
 *
 * Each element's host is a grid whose gap (`--_gap`, set per element) spaces its pieces, so no margins are needed.
 *
 * No selector here or in an element's styles names a `part`: parts are the merchant's styling API (the `@csspart`
 * lists, README "Styling"), kept stable, while the markup and the classes and ids styled here may change freely.
 */
import { css } from './css.js';

export const sharedStyles = css`
  :host {
    --_fg: var(--wallet-color-text, light-dark(#222, #eee));
    --_muted: var(--wallet-color-muted, light-dark(#566, #abc));
    --_bg: var(--wallet-color-surface, light-dark(#fff, #222));
    --_subtle: var(--wallet-color-subtle, light-dark(#eee, #333));
    --_border: var(--wallet-color-border, light-dark(#ccd, #556));
    --_primary: var(--wallet-color-primary, light-dark(#05c, #8bf));
    --_on-primary: var(--wallet-color-on-primary, light-dark(#fff, #123));
    --_danger: var(--wallet-color-danger, light-dark(#b22, #fba));
    --_warning: var(--wallet-color-warning, light-dark(#850, #fc8));
    --_success: var(--wallet-color-success, light-dark(#273, #8d9));
    --_radius: var(--wallet-radius, 8px);
    --_space: var(--wallet-space, 8px);
    display: grid;
    gap: var(--_gap);
    font: var(--wallet-font-size, 1rem) / 1.4 var(--wallet-font-family, system-ui, sans-serif);
    color: var(--_fg);
  }
  :host([hidden]) {
    display: none;
  }
  * {
    box-sizing: border-box;
    margin: 0;
  }
  /* Buttons and the code input: a 44px touch target in the element's font and colours. */
  button,
  input:not([type='radio']) {
    font: inherit;
    min-height: 44px;
    padding: 0 calc(var(--_space) * 2);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_fg);
  }
  button {
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
    opacity: 0.6;
  }
  :focus-visible {
    outline: 2px solid var(--_primary);
    outline-offset: 2px;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
  }
  /* Three placeholder rows in one element: stripes of the subtle colour. */
  .skeleton {
    height: 184px;
    background: repeating-linear-gradient(var(--_subtle) 0 56px, transparent 0 64px);
  }
  @media (prefers-reduced-motion: no-preference) {
    .skeleton {
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
