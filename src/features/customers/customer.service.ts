// Resolves the customer of every event from any identity it carries, linking and merging as identities meet.
import type { Db, Queryable } from '../../db/create-db.js';
import { AppError } from '../../shared/app-error.js';
import * as repo from './customer.repo.js';
import { identitiesOf, identityFromQuery, type CustomerRef } from './identity.js';

export interface ResolveCustomerInput {
  ref: (CustomerRef & { name?: string | undefined; time_zone?: string | undefined }) | undefined;
  /** The customer already known for the event's order, if any. */
  orderCustomerId?: string | null | undefined;
  eventId?: string | undefined;
  at: Date;
}

/**
 * Finds or creates the customer an event is about. When the identities (or the order) belong to two
 * customers, they are the same person: the younger ones merge into the oldest and the merge is recorded.
 * Must run inside a transaction.
 */
export async function resolveCustomer(tx: Queryable, input: ResolveCustomerInput): Promise<string | null> {
  const identities = identitiesOf(input.ref);
  if (identities.length === 0 && !input.orderCustomerId) return null;
  await repo.lockIdentities(tx, identities);
  const known = await repo.findIdentities(tx, identities);
  const customerIds = new Set(known.map((row) => row.customerId));
  if (input.orderCustomerId) customerIds.add(input.orderCustomerId);

  let customerId: string;
  if (customerIds.size === 0) {
    customerId = await repo.insertCustomer(tx, { name: input.ref?.name, timeZone: input.ref?.time_zone, at: input.at });
  } else {
    customerId = customerIds.size === 1 ? [...customerIds][0]! : await repo.findOldestCustomer(tx, [...customerIds]);
    const mergedIds = [...customerIds].filter((id) => id !== customerId);
    await repo.mergeCustomers(tx, { survivorId: customerId, mergedIds, cause: 'shared_identity', eventId: input.eventId, at: input.at });
    await repo.updateCustomerProfile(tx, { id: customerId, name: input.ref?.name, timeZone: input.ref?.time_zone, at: input.at });
  }
  const knownKeys = new Set(known.map((row) => `${row.kind}:${row.value}`));
  await repo.insertIdentities(tx, { customerId, identities: identities.filter((identity) => !knownKeys.has(`${identity.kind}:${identity.value}`)), at: input.at });
  return customerId;
}

export interface CustomerView {
  id: string;
  name: string | null;
  time_zone: string | null;
  created_at: string;
  identities: { kind: string; value: string; linked_at: string }[];
  merged: { customer_id: string; cause: string; event_id: string | null; at: string }[];
}

export function createCustomerService(deps: { db: Db }) {
  async function getCustomer(id: string): Promise<CustomerView> {
    let customer = await repo.findCustomerById(deps.db, id);
    // A merged id keeps working: it answers with the customer it was merged into.
    for (let hops = 0; customer?.mergedInto && hops < 10; hops += 1) customer = await repo.findCustomerById(deps.db, customer.mergedInto);
    if (!customer) throw new AppError('not_found', { detail: `No customer ${id}` });
    const [identities, merges] = await Promise.all([repo.listIdentitiesOfCustomer(deps.db, customer.id), repo.listMergesOfCustomer(deps.db, customer.id)]);
    return {
      id: customer.id,
      name: customer.name,
      time_zone: customer.timeZone,
      created_at: customer.createdAt.toISOString(),
      identities: identities.map((identity) => ({ kind: identity.kind, value: identity.value, linked_at: identity.createdAt.toISOString() })),
      merged: merges.map((merge) => ({ customer_id: merge.mergedId, cause: merge.cause, event_id: merge.eventId, at: merge.at.toISOString() })),
    };
  }

  async function findCustomers(query: { email?: string | undefined; phone?: string | undefined; handle?: string | undefined }): Promise<CustomerView[]> {
    const identity = identityFromQuery(query);
    if (!identity) throw new AppError('validation_failed', { detail: 'Give one of email, phone or handle (as network:id)', field: 'email' });
    const rows = await repo.findIdentities(deps.db, [identity]);
    return Promise.all(rows.map((row) => getCustomer(row.customerId)));
  }

  async function mergeCustomers(input: { survivorId: string; otherId: string; by: string; at: Date }): Promise<CustomerView> {
    if (input.survivorId === input.otherId) throw new AppError('validation_failed', { detail: 'A customer cannot be merged into itself', field: 'other_id' });
    await deps.db.transaction().execute(async (tx) => {
      for (const id of [input.survivorId, input.otherId]) {
        const customer = await repo.findCustomerById(tx, id);
        if (!customer || customer.mergedInto) throw new AppError('not_found', { detail: `No customer ${id}`, field: id === input.otherId ? 'other_id' : 'id' });
      }
      await repo.mergeCustomers(tx, { survivorId: input.survivorId, mergedIds: [input.otherId], cause: `merged by ${input.by}`, at: input.at });
    });
    return getCustomer(input.survivorId);
  }

  return { getCustomer, findCustomers, mergeCustomers };
}

export type CustomerService = ReturnType<typeof createCustomerService>;
