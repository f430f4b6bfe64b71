// The return page: Juspay's finish redirect lands here with order_id/status in the query. A shop must verify the
// order with its backend before fulfilling, so this asks the kit (GET /order, session cookie) for the truth.
const params = new URLSearchParams(location.search);
document.getElementById('order').textContent = params.get('order_id') ?? params.get('order') ?? 'unknown';
document.getElementById('query-status').textContent = params.get('status') ?? 'none';
const kitStatus = document.getElementById('kit-status');
try {
  const response = await fetch('/api/wallet/order', { headers: { accept: 'application/json' } });
  const body = await response.json();
  if (!response.ok) throw new Error(body.error?.message ?? response.status);
  kitStatus.textContent = body.status;
  kitStatus.dataset.status = body.status;
  document.getElementById('amount').textContent = new Intl.NumberFormat('id-ID', {
    style: 'currency',
    currency: body.currency,
    maximumFractionDigits: 0,
  }).format(body.amount);
} catch (error) {
  kitStatus.textContent = `could not check: ${error.message}`;
}
