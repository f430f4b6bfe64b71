import type { Messages } from '../shared/i18n.js';

/** Texts of `<otp-link>`. Error texts (otp_invalid, otp_expired, otp_attempts_exceeded, …) live in errors.ts. */
export const messages: Messages<{
  title: (name: string) => string;
  intro: string;
  send: string;
  sending: string;
  sent: string;
  label: string;
  hint: string;
  invalidFormat: string;
  verify: string;
  verifying: string;
  resend: string;
  resendIn: (seconds: number) => string;
  /** The resend wait is over (said once by the live region). */
  canResend: string;
  noResends: string;
  attemptsLeft: (count: number) => string;
  linked: (name: string) => string;
}> = {
  en: {
    title: (name) => `Link ${name}`,
    intro: 'We will text you a one-time code.',
    send: 'Send code',
    sending: 'Sending the code…',
    sent: 'We sent a code to your phone.',
    label: 'One-time code',
    hint: 'Enter the digits from the SMS.',
    invalidFormat: 'Enter the 4 to 8 digits of the code.',
    verify: 'Verify',
    verifying: 'Checking…',
    resend: 'Resend code',
    resendIn: (seconds) => `Resend code in ${seconds} s`,
    canResend: 'You can ask for a new code now.',
    noResends: 'No resends left.',
    attemptsLeft: (count) => (count === 1 ? '1 attempt left' : `${count} attempts left`),
    linked: (name) => `${name} is linked.`,
  },
  id: {
    title: (name) => `Hubungkan ${name}`,
    intro: 'Kami akan mengirim kode sekali pakai lewat SMS.',
    send: 'Kirim kode',
    sending: 'Mengirim kode…',
    sent: 'Kode telah dikirim ke ponsel Anda.',
    label: 'Kode sekali pakai',
    hint: 'Masukkan angka dari SMS.',
    invalidFormat: 'Masukkan 4 sampai 8 angka kode.',
    verify: 'Verifikasi',
    verifying: 'Memeriksa…',
    resend: 'Kirim ulang kode',
    resendIn: (seconds) => `Kirim ulang kode dalam ${seconds} detik`,
    canResend: 'Sekarang Anda bisa meminta kode baru.',
    noResends: 'Tidak bisa kirim ulang lagi.',
    attemptsLeft: (count) => `Sisa ${count} percobaan`,
    linked: (name) => `${name} sudah terhubung.`,
  },
};
