/**
 * Provider monograms: a brand-coloured tile with a letter, a few dozen bytes each instead of real logos (the
 * bundle budget is 20 KB for everything). Decorative: the provider's name is always written next to it.
 */
import { html, svg, type TemplateResult } from 'lit';
import type { Provider } from '../contract.js';

const MONOGRAMS: Readonly<Record<Provider, readonly [colour: string, letter: string]>> = {
  GOPAY: ['#00aed6', 'G'],
  DANA: ['#118eea', 'D'],
  SHOPEEPAY: ['#ee4d2d', 'S'],
  OVO: ['#4c2a86', 'O'],
};

/** A 24×24 monogram for `provider`; size it with CSS on `svg` / `part="icon"`. */
export function providerIcon(provider: Provider): TemplateResult {
  const [colour, letter] = MONOGRAMS[provider];
  // Presentation attributes, not `style=`: they hold under `style-src 'self'`.
  return html`<svg part="icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">${svg`<rect width="24" height="24" rx="6" fill=${colour}/><text x="12" y="17" fill="#fff" font-family="sans-serif" font-size="14" font-weight="700" text-anchor="middle">${letter}</text>`}</svg>`;
}
