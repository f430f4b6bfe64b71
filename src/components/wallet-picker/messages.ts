import type { Messages } from '../shared/i18n.js';

/** Texts of `<wallet-picker>`; values arrive already formatted (money, age, provider name). */
export const messages: Messages<{
  legend: string;
  loading: string;
  loadFailed: string;
  retry: string;
  empty: string;
  balance: (money: string) => string;
  updated: (age: string) => string;
  notLinked: string;
  /** A linked wallet whose provider gave no balance. */
  noBalance: string;
  lowBalance: string;
  refresh: string;
  refreshLabel: (name: string) => string;
  refreshAll: string;
  refreshing: string;
  refreshed: string;
  unlink: string;
  unlinkLabel: (name: string) => string;
  confirmUnlink: (name: string) => string;
  keep: string;
  unlinking: string;
  unlinked: (name: string) => string;
}> = {
  en: {
    legend: 'Choose a wallet',
    loading: 'Loading your wallets…',
    loadFailed: 'Your wallets could not be loaded.',
    retry: 'Try again',
    empty: 'No e-wallet is available for this order.',
    balance: (money) => `Balance ${money}`,
    updated: (age) => `updated ${age}`,
    notLinked: 'Not linked · Link with OTP',
    noBalance: 'Linked · balance unavailable',
    lowBalance: 'Balance below the order amount, you can top up after paying',
    refresh: 'Refresh',
    refreshLabel: (name) => `Refresh ${name} balance`,
    refreshAll: 'Refresh all',
    refreshing: 'Refreshing…',
    refreshed: 'Balances updated.',
    unlink: 'Unlink',
    unlinkLabel: (name) => `Unlink ${name}`,
    confirmUnlink: (name) => `Unlink ${name}? Paying with it again will need a new code.`,
    keep: 'Keep it',
    unlinking: 'Unlinking…',
    unlinked: (name) => `${name} unlinked.`,
  },
  id: {
    legend: 'Pilih dompet',
    loading: 'Memuat dompet Anda…',
    loadFailed: 'Dompet Anda tidak dapat dimuat.',
    retry: 'Coba lagi',
    empty: 'Tidak ada dompet digital untuk pesanan ini.',
    balance: (money) => `Saldo ${money}`,
    updated: (age) => `diperbarui ${age}`,
    notLinked: 'Belum terhubung · Hubungkan dengan OTP',
    noBalance: 'Terhubung · saldo tidak tersedia',
    lowBalance: 'Saldo di bawah jumlah pesanan, Anda dapat isi saldo setelah membayar',
    refresh: 'Perbarui',
    refreshLabel: (name) => `Perbarui saldo ${name}`,
    refreshAll: 'Perbarui semua',
    refreshing: 'Memperbarui…',
    refreshed: 'Saldo diperbarui.',
    unlink: 'Putuskan',
    unlinkLabel: (name) => `Putuskan ${name}`,
    confirmUnlink: (name) => `Putuskan ${name}? Untuk membayar dengannya lagi perlu kode baru.`,
    keep: 'Tetap hubungkan',
    unlinking: 'Memutuskan…',
    unlinked: (name) => `${name} diputuskan.`,
  },
};
