/** The merchant's checkout page, rendered by its server with the checkout token of the order (from the query here). */
export const dynamic = 'force-dynamic';

export function GET(request: Request): Response {
  const token = new URL(request.url).searchParams.get('token') ?? '';
  if (!/^[\w.-]+$/.test(token)) return new Response('No order', { status: 400 });
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Checkout</title>
<script src="/wallet-elements.min.js" defer></script></head>
<body><wallet-pay endpoint="/api/wallet" checkout-token="${token}" redirect="manual" locale="en"></wallet-pay></body></html>`;
  return new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8' } });
}
