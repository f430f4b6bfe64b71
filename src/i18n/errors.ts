import type { ErrorCode } from '../errors.js';
import type { Messages } from './index.js';

/** What happened and, when the shopper can act, what to do; short, no technical detail. */
export const errors: Messages<Record<ErrorCode, string>> = {
  en: {
    network: 'Cannot reach the payment service. Check your connection and try again.',
    timeout: 'The payment service is not answering. Try again.',
    unauthorized: 'Your session has ended. Reload the page.',
    invalid_request: 'The request was refused.',
    invalid_response: 'Unexpected answer from the payment service. Try again.',
    otp_invalid: 'Wrong code. Check it and try again.',
    otp_expired: 'The code has expired. Send a new one.',
    otp_attempts_exceeded: 'Too many wrong codes. Choose another wallet.',
    wallet_not_linked: 'This wallet is not linked any more. Link it again.',
    provider_declined: 'Your wallet declined the payment. Choose another wallet.',
    order_already_paid: 'This order is already paid.',
    order_expired: 'This checkout has expired.',
    redirect_blocked: 'An unsafe redirect was blocked. Contact the shop.',
    rate_limited: 'Too many attempts. Wait a moment and try again.',
    server_error: 'The payment service failed. Try again.',
  },
  id: {
    network: 'Layanan pembayaran tidak terjangkau. Periksa koneksi lalu coba lagi.',
    timeout: 'Layanan pembayaran tidak merespons. Coba lagi.',
    unauthorized: 'Sesi Anda telah berakhir. Muat ulang halaman.',
    invalid_request: 'Permintaan ditolak.',
    invalid_response: 'Jawaban tak terduga dari layanan pembayaran. Coba lagi.',
    otp_invalid: 'Kode salah. Periksa lalu coba lagi.',
    otp_expired: 'Kode sudah kedaluwarsa. Kirim kode baru.',
    otp_attempts_exceeded: 'Terlalu banyak kode salah. Pilih dompet lain.',
    wallet_not_linked: 'Dompet ini tidak lagi terhubung. Hubungkan kembali.',
    provider_declined: 'Dompet Anda menolak pembayaran. Pilih dompet lain.',
    order_already_paid: 'Pesanan ini sudah dibayar.',
    order_expired: 'Checkout ini sudah kedaluwarsa.',
    redirect_blocked: 'Pengalihan tidak aman diblokir. Hubungi toko.',
    rate_limited: 'Terlalu banyak percobaan. Tunggu sebentar lalu coba lagi.',
    server_error: 'Layanan pembayaran gagal. Coba lagi.',
  },
};
