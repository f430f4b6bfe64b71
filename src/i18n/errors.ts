import type { ErrorCode } from '../errors.js';
import type { Messages } from './index.js';

/** One sentence each, telling the shopper what happened and what to do; no technical detail. */
export const errors: Messages<Record<ErrorCode, string>> = {
  en: {
    network: 'We could not reach the payment service. Check your connection and try again.',
    timeout: 'The payment service took too long to answer. Please try again.',
    unauthorized: 'Your checkout session has ended. Please reload the page.',
    invalid_request: 'Something in the request was not accepted. Please try again.',
    invalid_response: 'We received an unexpected answer. Please try again.',
    otp_invalid: 'That code is not right. Check it and try again.',
    otp_expired: 'That code has expired. Send a new code.',
    otp_attempts_exceeded: 'Too many wrong codes. Choose another wallet or try again later.',
    wallet_not_linked: 'This wallet is not linked any more. Link it again to pay.',
    provider_declined: 'Your wallet provider declined the payment. Choose another wallet.',
    order_already_paid: 'This order has already been paid.',
    order_expired: 'This checkout has expired. Please start again.',
    redirect_blocked: 'We stopped an unsafe redirect. Please contact the shop.',
    rate_limited: 'Too many attempts. Wait a moment and try again.',
    server_error: 'The payment service had a problem. Please try again.',
  },
  id: {
    network: 'Tidak dapat terhubung ke layanan pembayaran. Periksa koneksi Anda lalu coba lagi.',
    timeout: 'Layanan pembayaran terlalu lama merespons. Silakan coba lagi.',
    unauthorized: 'Sesi checkout Anda telah berakhir. Silakan muat ulang halaman.',
    invalid_request: 'Ada bagian permintaan yang tidak diterima. Silakan coba lagi.',
    invalid_response: 'Kami menerima jawaban yang tidak terduga. Silakan coba lagi.',
    otp_invalid: 'Kode tersebut salah. Periksa lalu coba lagi.',
    otp_expired: 'Kode tersebut sudah kedaluwarsa. Kirim kode baru.',
    otp_attempts_exceeded: 'Terlalu banyak kode yang salah. Pilih dompet lain atau coba lagi nanti.',
    wallet_not_linked: 'Dompet ini tidak lagi terhubung. Hubungkan kembali untuk membayar.',
    provider_declined: 'Penyedia dompet Anda menolak pembayaran. Pilih dompet lain.',
    order_already_paid: 'Pesanan ini sudah dibayar.',
    order_expired: 'Checkout ini sudah kedaluwarsa. Silakan mulai lagi.',
    redirect_blocked: 'Kami menghentikan pengalihan yang tidak aman. Silakan hubungi toko.',
    rate_limited: 'Terlalu banyak percobaan. Tunggu sebentar lalu coba lagi.',
    server_error: 'Layanan pembayaran mengalami masalah. Silakan coba lagi.',
  },
};
