/**
 * Seeded customers, one per branch of the checkout flow. The seeded copies carry exactly the persona name as their
 * object_reference_id; `clonePersona` makes a fresh, isolated copy (`linked-k3j9x2`) so tests never share state.
 */
import { customerId, personaSuffix, walletId } from './ids.js';
import { DEFAULT_PROVIDER_BALANCE, type Gateway } from './providers.js';
import type { Store } from './store.js';

export const PERSONA_NAMES = ['new', 'unlinked', 'linked', 'low-balance', 'declined'] as const;
export type PersonaName = (typeof PERSONA_NAMES)[number];

interface PersonaWallet {
  readonly gateway: Gateway;
  readonly linked: boolean;
  readonly providerBalance: number;
  readonly declinesDebits?: boolean;
}

const TEMPLATES: Readonly<Record<PersonaName, readonly PersonaWallet[]>> = {
  new: [],
  unlinked: [{ gateway: 'GOPAY', linked: false, providerBalance: DEFAULT_PROVIDER_BALANCE }],
  linked: [{ gateway: 'GOPAY', linked: true, providerBalance: 1_000_000 }],
  // Below the demo's 150,000 IDR orders, so paying lands on the top-up page.
  'low-balance': [{ gateway: 'GOPAY', linked: true, providerBalance: 20_000 }],
  declined: [{ gateway: 'GOPAY', linked: true, providerBalance: 1_000_000, declinesDebits: true }],
};

export const isPersonaName = (name: string): name is PersonaName => (PERSONA_NAMES as readonly string[]).includes(name);

/** Adds a customer built from the persona template under `objectReferenceId`; linked wallets are fresh as of `now`. */
export function addPersona(store: Store, persona: PersonaName, objectReferenceId: string, now: number): void {
  const id = customerId();
  store.addCustomer({
    id,
    objectReferenceId,
    mobileNumber: '081234567890',
    mobileCountryCode: '62',
    emailAddress: `${objectReferenceId}@example.com`,
    firstName: 'Sandbox',
    lastName: persona,
    dateCreated: now,
    lastUpdated: now,
  });
  for (const template of TEMPLATES[persona]) {
    const wallet = {
      id: walletId(),
      customerId: id,
      gateway: template.gateway,
      linked: template.linked,
      currentBalance: template.linked ? template.providerBalance : null,
      lastRefreshed: template.linked ? now : null,
      mobileNumber: null,
      gatewayReferenceId: null,
      otp: null,
      provider: { balance: template.providerBalance, declinesDebits: template.declinesDebits ?? false },
    };
    store.wallets.set(wallet.id, wallet);
  }
}

/** A fresh copy of a persona; returns its object_reference_id. */
export function clonePersona(store: Store, persona: PersonaName, now: number): string {
  let ref: string;
  do ref = `${persona}-${personaSuffix()}`;
  while (store.findCustomer(ref));
  addPersona(store, persona, ref, now);
  return ref;
}

export function seedPersonas(store: Store, now: number): void {
  for (const persona of PERSONA_NAMES) addPersona(store, persona, persona, now);
}
