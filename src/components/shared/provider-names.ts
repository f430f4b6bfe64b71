import type { Provider } from '../../contract.js';

/** Brand names: the same in every locale. */
export const PROVIDER_NAMES: Readonly<Record<Provider, string>> = {
  GOPAY: 'GoPay',
  DANA: 'DANA',
  SHOPEEPAY: 'ShopeePay',
  OVO: 'OVO',
};
