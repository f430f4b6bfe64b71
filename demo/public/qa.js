// The QA page: persona, language, theme and redirect controls, a fresh checkout session per page load, and a log
// of every event the elements emit (with its detail).
const params = new URLSearchParams(location.search);
const controls = document.getElementById('controls');
const checkout = document.getElementById('checkout');
const wallets = document.getElementById('wallets');
const log = document.getElementById('log');
const session = document.getElementById('session');

const settings = {
  persona: params.get('persona') ?? 'linked',
  locale: params.get('locale') ?? 'en',
  theme: params.get('theme') ?? 'auto',
  redirect: params.get('redirect') ?? 'auto',
};
for (const [name, value] of Object.entries(settings)) controls.elements[name].value = value;

function apply() {
  for (const el of [checkout, wallets]) el.setAttribute('locale', settings.locale);
  checkout.setAttribute('redirect', settings.redirect);
  document.documentElement.dataset.theme = settings.theme;
  document.documentElement.lang = settings.locale;
  const url = new URL(location.href);
  for (const [name, value] of Object.entries(settings)) url.searchParams.set(name, value);
  history.replaceState(null, '', url);
}

controls.addEventListener('change', (event) => {
  const { name, value } = event.target;
  settings[name] = value;
  apply();
  if (name === 'persona') location.reload();
});
document.getElementById('new-order').addEventListener('click', () => location.reload());
document.getElementById('clear-log').addEventListener('click', () => log.replaceChildren());

for (const type of [
  'wallet-select',
  'wallet-linked',
  'wallet-unlinked',
  'wallet-charged',
  'wallet-pending',
  'wallet-redirect',
  'wallet-error',
]) {
  document.addEventListener(type, (event) => {
    const item = document.createElement('li');
    const name = document.createElement('strong');
    name.textContent = type;
    const source = document.createElement('span');
    source.className = 'source';
    source.textContent = ` from <${event.target.localName}>`;
    const detail = document.createElement('pre');
    detail.textContent = JSON.stringify(event.detail, null, 2);
    item.append(name, source, detail);
    item.className = type;
    log.prepend(item);
  });
}

apply();
const response = await fetch('/demo/session', {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ persona: settings.persona }),
});
if (response.ok) {
  const s = await response.json();
  // Endpoint and token together: an element with an endpoint but no session would ask and be refused.
  for (const el of [checkout, wallets]) {
    el.setAttribute('checkout-token', s.checkoutToken);
    el.setAttribute('endpoint', '/api/wallet');
  }
  const amount = new Intl.NumberFormat(settings.locale === 'id' ? 'id-ID' : 'en-US', {
    style: 'currency',
    currency: s.currency,
    maximumFractionDigits: 0,
  }).format(s.amount);
  session.textContent =
    `Order ${s.orderId} for ${amount}, persona "${settings.persona}".` +
    (s.testOtp ? ` Sandbox test OTP: ${s.testOtp} (shown by the demo only).` : '');
} else {
  session.textContent = `Could not start a session (${response.status}).`;
}

// The merchant's side: orders its server fulfilled (or saw fail), refreshed while the page is visible.
const orders = document.getElementById('orders');
async function showOrders() {
  if (document.hidden) return;
  const response = await fetch('/demo/orders').catch(() => null);
  if (!response?.ok) return;
  const items = (await response.json()).map((order) => {
    const item = document.createElement('li');
    item.dataset.order = order.orderId;
    item.dataset.outcome = order.outcome;
    item.dataset.path = order.path;
    item.textContent = `${order.orderId}: ${order.outcome} (learnt from ${order.path}) at ${new Date(order.at).toLocaleTimeString()}`;
    return item;
  });
  orders.replaceChildren(...items);
}
showOrders();
setInterval(showOrders, 2000);
