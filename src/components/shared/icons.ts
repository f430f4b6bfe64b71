/**
 * Provider monograms: a brand-coloured tile with a letter, a few dozen bytes each instead of real logos (the
 * bundle budget is 22 KB for everything). Decorative: the provider's name is always written next to it.
 */
import { html, type TemplateResult } from 'lit';
import type { Provider } from '../../contract.js';

const COLOURS: Readonly<Record<Provider, string>> = {
  GOPAY: '#00aed6',
  DANA: '#118eea',
  SHOPEEPAY: '#ee4d2d',
  OVO: '#4c2a86',
};

/** A monogram for `provider`, sized by CSS on `svg`; the letter uses the host's font. */
export function providerIcon(provider: Provider): TemplateResult {
  // Presentation attributes, not `style=`: they hold under `style-src 'self'`.
  // Inside <svg> the HTML parser creates SVG elements, so lit's `svg` tag is not needed.
  return html`<svg viewBox="0 0 24 24" aria-hidden="true"><rect width="24" height="24" rx="6" fill=${COLOURS[provider]} /><text x="12" y="17" fill="#fff" font-size="14" font-weight="700" text-anchor="middle">${provider[0]}</text></svg>`;
}
