import { createApp } from 'vue';
import Checkout from './Checkout.vue';

const checkoutToken = document.querySelector('meta[name="checkout-token"]')?.getAttribute('content') || undefined;

createApp(Checkout, { endpoint: '/api/wallet', checkoutToken }).mount('#app');
