import type { Messages } from '../shared/i18n.js';

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
  /** The watch of a pending top-up ended without an answer: what the shopper can still do. */
  watchEnded: string;
  retry: string;
}> = {
  en: {
    label: 'Pay with an e-wallet',
    loading: 'Loading your wallets…',
    empty: 'No e-wallet is available for this order.',
    choose: 'Choose an e-wallet.',
    pay: (amount) => `Pay ${amount}`,
    linkAndPay: (name, amount) => `Link ${name} and pay ${amount}`,
    paying: 'Paying…',
    otp: (name) => `Enter the code to link ${name}.`,
    back: 'Choose another wallet',
    chargedTitle: 'Payment complete',
    charged: (amount, name) => `${amount} paid with ${name}.`,
    redirecting: 'Returning to the shop…',
    pendingTitle: 'Top up to finish',
    pending: (name, amount) => `Your ${name} balance is below ${amount}.`,
    topUp: (name) => `Top up ${name}`,
    waiting: 'Waiting for your top-up…',
    failedTitle: 'Payment failed',
    watchEnded: 'We could not confirm your top-up in time. If you paid, the shop will confirm your order; otherwise choose another wallet.',
    loadFailedTitle: 'Your wallets could not be loaded.',
    retry: 'Try again',
  },
  id: {
    label: 'Bayar dengan dompet digital',
    loading: 'Memuat dompet Anda…',
    empty: 'Tidak ada dompet digital untuk pesanan ini.',
    choose: 'Pilih dompet digital.',
    pay: (amount) => `Bayar ${amount}`,
    linkAndPay: (name, amount) => `Hubungkan ${name} dan bayar ${amount}`,
    paying: 'Membayar…',
    otp: (name) => `Masukkan kode untuk menghubungkan ${name}.`,
    back: 'Pilih dompet lain',
    chargedTitle: 'Pembayaran berhasil',
    charged: (amount, name) => `${amount} dibayar dengan ${name}.`,
    redirecting: 'Kembali ke toko…',
    pendingTitle: 'Isi saldo untuk menyelesaikan',
    pending: (name, amount) => `Saldo ${name} Anda kurang dari ${amount}.`,
    topUp: (name) => `Isi saldo ${name}`,
    waiting: 'Menunggu isi saldo…',
    failedTitle: 'Pembayaran gagal',
    watchEnded:
      'Isi saldo Anda belum dapat kami pastikan. Jika Anda sudah membayar, toko akan mengonfirmasi pesanan; jika belum, pilih dompet lain.',
    loadFailedTitle: 'Dompet Anda tidak dapat dimuat.',
    retry: 'Coba lagi',
  },
};
