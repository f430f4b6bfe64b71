/**
 * The tag of our stylesheets: lit's `css` without its `${}` interpolation and value checks, which none of our
 * styles need (they are static text; the build's literal minifier refuses a `css` literal with `${}`). That is
 * about 0.2 KB min+gzip of lit the script-tag bundle does not ship. The result is still a lit CSSResult, turned
 * into an adopted stylesheet on first use, so `static styles` and strict CSPs work exactly as with lit's tag.
 */
import { unsafeCSS, type CSSResult } from 'lit';

export const css = (strings: TemplateStringsArray): CSSResult => unsafeCSS(strings[0]);
