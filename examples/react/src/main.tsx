import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Checkout } from './Checkout.js';

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');
const checkoutToken = document.querySelector('meta[name="checkout-token"]')?.getAttribute('content') || undefined;

createRoot(root).render(
  <StrictMode>
    <Checkout endpoint="/api/wallet" checkoutToken={checkoutToken} />
  </StrictMode>,
);
