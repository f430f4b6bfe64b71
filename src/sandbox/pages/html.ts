/**
 * The sandbox's browser pages stand in for Juspay's finish page and a provider's add-money page. They work under
 * a strict CSP: no script at all, no inline style, one same-origin stylesheet. hono's `html` escapes every
 * interpolated string; nested `html` templates are kept, null and undefined render nothing.
 */
import { html } from 'hono/html';

/** What `html` makes: escaped markup, which another `html` template keeps as it is. */
export type Markup = ReturnType<typeof html>;

/** Served at `${base}${STYLESHEET_PATH}`; the pages link to it instead of using inline styles. */
export const STYLESHEET_PATH = '/pay/assets/sandbox.css';

export const STYLESHEET = `:root { color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.5; }
body { margin: 0; padding: 2rem 1rem; background: Canvas; color: CanvasText; }
main { max-width: 32rem; margin: 0 auto; }
h1 { font-size: 1.5rem; margin: 0 0 1rem; }
.sandbox-note { font-size: 0.875rem; opacity: 0.8; border-left: 3px solid currentColor; padding-left: 0.75rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
dt { font-weight: 600; }
dd { margin: 0; }
form { margin: 1rem 0; }
label { display: block; font-weight: 600; margin-bottom: 0.25rem; }
input { font: inherit; padding: 0.5rem; width: 100%; box-sizing: border-box; }
button { font: inherit; padding: 0.6rem 1.2rem; margin-top: 0.5rem; cursor: pointer; }
button:focus-visible, input:focus-visible, a:focus-visible { outline: 3px solid Highlight; outline-offset: 2px; }
.error { color: #b00020; font-weight: 600; }
@media (prefers-color-scheme: dark) { .error { color: #ff8a80; } }
`;

/** Headers for every page: the strictest CSP the pages work under, no caching, no referrer leaking order ids. */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': "default-src 'none'; style-src 'self'; base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

export async function page(title: string, base: string, body: Markup, status = 200): Promise<Response> {
  const document = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Juspay sandbox</title>
<link rel="stylesheet" href="${base + STYLESHEET_PATH}">
</head>
<body>
<main>
${body}
<p class="sandbox-note">Juspay sandbox: a simulated page for development and tests. No real money moves.</p>
</main>
</body>
</html>
`;
  // A fresh Headers each time: @hono/node-server writes Content-Length into a plain init object it is given.
  return new Response(String(await document), { status, headers: new Headers(PAGE_HEADERS) });
}
