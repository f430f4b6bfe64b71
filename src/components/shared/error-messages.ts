import type { ErrorCode } from '../../errors.js';
import type { Messages } from './i18n.js';

/**
 * What happened and, when trying again can help, that it can; short (they are shown next to the way to recover:
 * "Try again", "Choose another wallet", "Resend code"), no technical detail.
 */
export const errors: Messages<Record<ErrorCode, string>> = {
  en: {
    network: 'No connection. Try again.',
    timeout: 'No answer in time. Try again.',
    unauthorized: 'Session ended. Reload the page.',
    invalid_request: 'The request was refused.',
    invalid_response: 'Unexpected answer. Try again.',
    otp_invalid: 'Wrong code. Try again.',
    otp_expired: 'Code expired. Send a new one.',
    otp_attempts_exceeded: 'Too many wrong codes.',
    wallet_not_linked: 'Wallet not linked. Link it again.',
    provider_declined: 'Your wallet declined the payment.',
    order_already_paid: 'Order already paid.',
    order_expired: 'Checkout expired.',
    redirect_blocked: 'Unsafe redirect blocked.',
    rate_limited: 'Too many attempts. Wait a moment.',
    server_error: 'The payment service failed. Try again.',
  },
  id: {
    network: 'Tidak ada koneksi. Coba lagi.',
    timeout: 'Tidak ada jawaban. Coba lagi.',
    unauthorized: 'Sesi berakhir. Muat ulang halaman.',
    invalid_request: 'Permintaan ditolak.',
    invalid_response: 'Jawaban tak terduga. Coba lagi.',
    otp_invalid: 'Kode salah. Coba lagi.',
    otp_expired: 'Kode kedaluwarsa. Kirim kode baru.',
    otp_attempts_exceeded: 'Terlalu banyak kode salah.',
    wallet_not_linked: 'Dompet belum terhubung. Hubungkan lagi.',
    provider_declined: 'Dompet Anda menolak pembayaran.',
    order_already_paid: 'Pesanan sudah dibayar.',
    order_expired: 'Checkout kedaluwarsa.',
    redirect_blocked: 'Pengalihan tidak aman diblokir.',
    rate_limited: 'Terlalu banyak percobaan. Tunggu sebentar.',
    server_error: 'Layanan pembayaran gagal. Coba lagi.',
  },
};
