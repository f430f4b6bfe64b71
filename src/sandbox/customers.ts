/**
 * Customers (docs/juspay.md §3): wallets exist only under a customer, and the merchant addresses a customer by
 * Juspay's `cst_` id or by its own object_reference_id.
 */
import type { SandboxContext } from './context.js';
import { validation } from './errors.js';
import type { Params } from './http/params.js';
import { customerId } from './ids.js';
import { customerJson, type JsonObject } from './shapes.js';
import { requestedClientAuth } from './tokens.js';
import { requireCustomer } from './wallets.js';

const PROFILE_FIELDS = ['mobile_number', 'mobile_country_code', 'email_address', 'first_name', 'last_name'] as const;

/** POST /customers. */
export function createCustomer(ctx: SandboxContext, params: Params): JsonObject {
  const ref = params.get('object_reference_id')?.trim();
  if (ref === undefined) throw validation('INVALID_REQUEST', 'object_reference_id is required');
  if (ctx.store.findCustomer(ref)) {
    throw validation('unique', 'Customer with given object reference id already exist for your account.');
  }
  const now = ctx.clock.now();
  const customer = {
    id: customerId(),
    objectReferenceId: ref,
    mobileNumber: params.get('mobile_number') ?? null,
    mobileCountryCode: params.get('mobile_country_code') ?? null,
    emailAddress: params.get('email_address') ?? null,
    firstName: params.get('first_name') ?? null,
    lastName: params.get('last_name') ?? null,
    dateCreated: now,
    lastUpdated: now,
  };
  ctx.store.addCustomer(customer);
  return customerJson(customer, requestedClientAuth(params, ctx.clock.now()));
}

/** GET /customers/:id. */
export function getCustomer(ctx: SandboxContext, idOrRef: string, params: Params): JsonObject {
  return customerJson(requireCustomer(ctx, idOrRef), requestedClientAuth(params, ctx.clock.now()));
}

/** POST /customers/:id: updates the profile fields given. */
export function updateCustomer(ctx: SandboxContext, idOrRef: string, params: Params): JsonObject {
  const customer = requireCustomer(ctx, idOrRef);
  const keys = {
    mobile_number: 'mobileNumber',
    mobile_country_code: 'mobileCountryCode',
    email_address: 'emailAddress',
    first_name: 'firstName',
    last_name: 'lastName',
  } as const satisfies Record<(typeof PROFILE_FIELDS)[number], string>;
  for (const field of PROFILE_FIELDS) {
    const value = params.get(field);
    if (value !== undefined) customer[keys[field]] = value;
  }
  customer.lastUpdated = ctx.clock.now();
  return customerJson(customer, requestedClientAuth(params, ctx.clock.now()));
}
