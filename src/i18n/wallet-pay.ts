import type { Messages } from './index.js';

/** `<wallet-pay>`'s own texts; `name` is a provider's brand name, `amount` an already formatted price. */
export const messages: Messages<{
  label: string;
  loading: string;
  empty: string;
  choose: string;
  pay: (amount: string) => string;
  linkAndPay: (name: string, amount: string) => string;
  paying: string;
  otp: (name: string) => string;
  back: string;
  chargedTitle: string;
  charged: (amount: string, name: string) => string;
  redirecting: string;
  pendingTitle: string;
  pending: (name: string, amount: string) => string;
  topUp: (name: string) => string;
  waiting: string;
  failedTitle: string;
  loadFailedTitle: string;
  retry: string;
}> = {
  en: {
    label: 'Pay with an e-wallet',
    loading: 'Loading your wallets…',
    empty: 'No e-wallet is available for this order.',
    choose: 'Choose an e-wallet to pay with.',
    pay: (amount) => `Pay ${amount}`,
    linkAndPay: (name, amount) => `Link ${name} and pay ${amount}`,
    paying: 'Paying…',
    otp: (name) => `Link ${name} with the code sent to your phone.`,
    back: 'Choose another wallet',
    chargedTitle: 'Payment complete',
    charged: (amount, name) => `${amount} paid with ${name}.`,
    redirecting: 'Taking you back to the shop…',
    pendingTitle: 'Top up to finish paying',
    pending: (name, amount) => `Your ${name} balance is below ${amount}. Add money and the payment completes by itself.`,
    topUp: (name) => `Top up ${name}`,
    waiting: 'Waiting for your top-up…',
    failedTitle: 'Payment not completed',
    loadFailedTitle: 'Your wallets could not be loaded',
    retry: 'Try again',
  },
  id: {
    label: 'Bayar dengan dompet elektronik',
    loading: 'Memuat dompet Anda…',
    empty: 'Tidak ada dompet elektronik yang tersedia untuk pesanan ini.',
    choose: 'Pilih dompet elektronik untuk membayar.',
    pay: (amount) => `Bayar ${amount}`,
    linkAndPay: (name, amount) => `Hubungkan ${name} dan bayar ${amount}`,
    paying: 'Memproses pembayaran…',
    otp: (name) => `Hubungkan ${name} dengan kode yang dikirim ke ponsel Anda.`,
    back: 'Pilih dompet lain',
    chargedTitle: 'Pembayaran berhasil',
    charged: (amount, name) => `${amount} dibayar dengan ${name}.`,
    redirecting: 'Mengarahkan Anda kembali ke toko…',
    pendingTitle: 'Isi saldo untuk menyelesaikan pembayaran',
    pending: (name, amount) => `Saldo ${name} Anda kurang dari ${amount}. Isi saldo dan pembayaran akan selesai dengan sendirinya.`,
    topUp: (name) => `Isi saldo ${name}`,
    waiting: 'Menunggu pengisian saldo Anda…',
    failedTitle: 'Pembayaran belum selesai',
    loadFailedTitle: 'Dompet Anda tidak dapat dimuat',
    retry: 'Coba lagi',
  },
};
