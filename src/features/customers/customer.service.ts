// Resolves the customer of every event from any identity it carries, linking and merging as identities meet.
import type { Db, Queryable } from '../../db/create-db.js';
import { withTransaction } from '../../db/transaction.js';
import { AppError } from '../../shared/app-error.js';
import { newId } from '../../shared/ids.js';
import * as repo from './customer.repo.js';
import { identitiesOf, identityFromQuery, normaliseHandle, type CustomerRef, type IdentityValue } from './identity.js';
import { identityKey, resolveInState, type Resolution, type ResolutionInput, type ResolutionState } from './resolution.js';

export interface ResolveCustomerInput {
  ref: (CustomerRef & { name?: string | undefined; time_zone?: string | undefined }) | undefined;
  /** The customer already known for the event's order, if any. */
  orderCustomerId?: string | null | undefined;
  eventId?: string | undefined;
  at: Date;
}

/** What resolving an event needs to know of it (see `resolveInState`). */
export function resolutionInputOf(input: ResolveCustomerInput): ResolutionInput {
  return { identities: identitiesOf(input.ref), orderCustomerId: input.orderCustomerId ?? null, name: input.ref?.name, timeZone: input.ref?.time_zone, eventId: input.eventId, at: input.at };
}

/**
 * Locks the identities of a whole batch (one statement, in sorted order, so two batches that share an
 * identity cannot create two customers nor deadlock) and loads what resolving them needs: the customer of
 * each known identity and when each candidate customer was created (`customerIds` adds candidates known
 * otherwise, such as the customers of the batch's orders).
 */
export async function loadResolutionState(tx: Queryable, input: { identities: IdentityValue[]; customerIds?: Iterable<string>; createdAt?: ReadonlyMap<string, Date> }): Promise<ResolutionState> {
  await repo.lockIdentities(tx, input.identities);
  const unique = [...new Map(input.identities.map((identity) => [identityKey(identity), identity])).values()];
  const owners = await repo.findIdentityOwners(tx, unique);
  const state: ResolutionState = { customerByIdentity: new Map(), createdAt: new Map(input.createdAt ?? []) };
  for (const owner of owners) {
    state.customerByIdentity.set(identityKey(owner), owner.customerId);
    state.createdAt.set(owner.customerId, owner.customerCreatedAt);
  }
  const unknown = [...new Set(input.customerIds ?? [])].filter((id) => !state.createdAt.has(id));
  for (const [id, at] of await repo.findCustomerCreationTimes(tx, unknown)) state.createdAt.set(id, at);
  return state;
}

/**
 * Writes what resolving some events decided, events that share no customer and no identity (a run of a
 * batch): merges first, as each was decided, then new customers, profiles and identities, one statement each.
 */
export async function writeResolutions(tx: Queryable, resolutions: readonly Resolution[]): Promise<void> {
  for (const { merge } of resolutions) {
    if (merge) await repo.mergeCustomers(tx, { survivorId: merge.survivorId, mergedIds: merge.mergedIds, cause: 'shared_identity', eventId: merge.eventId, at: merge.at });
  }
  await repo.insertCustomers(
    tx,
    resolutions.flatMap((resolution) => (resolution.newCustomer ? [resolution.newCustomer] : [])),
  );
  await repo.updateCustomerProfiles(
    tx,
    resolutions.flatMap((resolution) => (resolution.profile ? [resolution.profile] : [])),
  );
  await repo.insertIdentities(
    tx,
    resolutions.flatMap((resolution) => resolution.newIdentities),
  );
}

/**
 * Finds or creates the customer an event is about. When the identities (or the order) belong to two
 * customers, they are the same person: the younger ones merge into the oldest and the merge is recorded.
 * Must run inside a transaction. Ingest resolves a whole batch at once with the same rules.
 */
export async function resolveCustomer(tx: Queryable, input: ResolveCustomerInput): Promise<string | null> {
  const resolutionInput = resolutionInputOf(input);
  if (resolutionInput.identities.length === 0 && !resolutionInput.orderCustomerId) return null;
  const state = await loadResolutionState(tx, { identities: resolutionInput.identities, customerIds: resolutionInput.orderCustomerId ? [resolutionInput.orderCustomerId] : [] });
  const resolution = resolveInState(state, resolutionInput, () => newId('cus'));
  await writeResolutions(tx, [resolution]);
  return resolution.customerId;
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
    // A bare handle (`@ana`) names no network: every network's handle with that id is searched.
    if (!query.email && !query.phone && query.handle && !query.handle.includes(':')) {
      const rows = await repo.findHandlesOnAnyNetwork(deps.db, normaliseHandle({ network: '', id: query.handle }).slice(1));
      return Promise.all([...new Set(rows.map((row) => row.customerId))].map((id) => getCustomer(id)));
    }
    const identity = identityFromQuery(query);
    if (!identity) throw new AppError('validation_failed', { detail: 'Give one of email, phone or handle (network:id, or a bare @id to search every network)', field: 'email' });
    const rows = await repo.findIdentities(deps.db, [identity]);
    return Promise.all(rows.map((row) => getCustomer(row.customerId)));
  }

  async function mergeCustomers(input: { survivorId: string; otherId: string; by: string; at: Date }): Promise<CustomerView> {
    if (input.survivorId === input.otherId) throw new AppError('validation_failed', { detail: 'A customer cannot be merged into itself', field: 'other_id' });
    await withTransaction(deps.db, async (tx) => {
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
