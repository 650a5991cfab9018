// The only SQL for customers, identities and merges.
import { sql } from 'kysely';
import type { Queryable } from '../../db/create-db.js';
import type { IdentityKind } from '../../db/database.js';
import { newId } from '../../shared/ids.js';
import type { IdentityValue } from './identity.js';

export interface CustomerRow {
  id: string;
  name: string | null;
  timeZone: string | null;
  createdAt: Date;
}

export interface IdentityRow {
  kind: IdentityKind;
  value: string;
  customerId: string;
  createdAt: Date;
}

/**
 * Serialises concurrent ingests that name the same identity, so two events about one new customer cannot
 * create two customers. Locks are taken in a fixed order to avoid deadlocks; they end with the transaction.
 */
export async function lockIdentities(q: Queryable, identities: IdentityValue[]): Promise<void> {
  const keys = [...new Set(identities.map((identity) => `${identity.kind}:${identity.value}`))].sort();
  if (keys.length === 0) return;
  // One round trip for all keys: a function scan over unnest yields the rows, and so takes the locks, in
  // the array's (sorted) order.
  await sql`select pg_advisory_xact_lock(hashtextextended(key, 0)) from unnest(${keys}::text[]) as key`.execute(q);
}

export async function findIdentities(q: Queryable, identities: IdentityValue[]): Promise<IdentityRow[]> {
  if (identities.length === 0) return [];
  const rows = await q
    .selectFrom('identities')
    .select(['kind', 'value', 'customer_id', 'created_at'])
    .where((eb) => eb.or(identities.map((identity) => eb.and([eb('kind', '=', identity.kind), eb('value', '=', identity.value)]))))
    .execute();
  return rows.map((row) => ({ kind: row.kind, value: row.value, customerId: row.customer_id, createdAt: row.created_at }));
}

export async function insertCustomer(q: Queryable, customer: { name?: string | undefined; timeZone?: string | undefined; at: Date }): Promise<string> {
  const id = newId('cus');
  await q
    .insertInto('customers')
    .values({ id, name: customer.name ?? null, time_zone: customer.timeZone ?? null, created_at: customer.at, updated_at: customer.at })
    .execute();
  return id;
}

export async function updateCustomerProfile(q: Queryable, update: { id: string; name?: string | undefined; timeZone?: string | undefined; at: Date }): Promise<void> {
  if (update.name === undefined && update.timeZone === undefined) return;
  await q
    .updateTable('customers')
    .set({
      ...(update.name !== undefined ? { name: update.name } : {}),
      ...(update.timeZone !== undefined ? { time_zone: update.timeZone } : {}),
      updated_at: update.at,
    })
    .where('id', '=', update.id)
    .execute();
}

export async function insertIdentities(q: Queryable, options: { customerId: string; identities: IdentityValue[]; at: Date }): Promise<void> {
  if (options.identities.length === 0) return;
  await q
    .insertInto('identities')
    .values(options.identities.map((identity) => ({ id: newId('idn'), customer_id: options.customerId, kind: identity.kind, value: identity.value, created_at: options.at })))
    .onConflict((oc) => oc.columns(['kind', 'value']).doNothing())
    .execute();
}

/** The oldest of the given customers: it survives a merge, so ids already shared stay valid longest. */
export async function findOldestCustomer(q: Queryable, ids: string[]): Promise<string> {
  const row = await q.selectFrom('customers').select('id').where('id', 'in', ids).orderBy('created_at').orderBy('id').limit(1).executeTakeFirstOrThrow();
  return row.id;
}

const customerOwnedTables = ['identities', 'events', 'orders', 'cases', 'messages', 'commitments', 'outbox'] as const;

/** Moves everything of `mergedIds` to `survivorId`, marks them merged and records why. */
export async function mergeCustomers(q: Queryable, options: { survivorId: string; mergedIds: string[]; cause: string; eventId?: string | undefined; at: Date }): Promise<void> {
  if (options.mergedIds.length === 0) return;
  for (const table of customerOwnedTables) {
    await q.updateTable(table).set({ customer_id: options.survivorId }).where('customer_id', 'in', options.mergedIds).execute();
  }
  await q.updateTable('customers').set({ merged_into: options.survivorId, updated_at: options.at }).where('id', 'in', options.mergedIds).execute();
  // Customers merged earlier into one of these follow the chain to the survivor.
  await q.updateTable('customers').set({ merged_into: options.survivorId }).where('merged_into', 'in', options.mergedIds).execute();
  await q
    .insertInto('customer_merges')
    .values(options.mergedIds.map((mergedId) => ({ id: newId('mrg'), survivor_id: options.survivorId, merged_id: mergedId, cause: options.cause, event_id: options.eventId ?? null, merged_at: options.at })))
    .execute();
}

export async function findCustomerById(q: Queryable, id: string): Promise<(CustomerRow & { mergedInto: string | null }) | undefined> {
  const row = await q.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
  return row && { id: row.id, name: row.name, timeZone: row.time_zone, createdAt: row.created_at, mergedInto: row.merged_into };
}

export async function listIdentitiesOfCustomer(q: Queryable, customerId: string): Promise<IdentityRow[]> {
  const rows = await q.selectFrom('identities').selectAll().where('customer_id', '=', customerId).orderBy('created_at').execute();
  return rows.map((row) => ({ kind: row.kind, value: row.value, customerId: row.customer_id, createdAt: row.created_at }));
}

export async function listMergesOfCustomer(q: Queryable, customerId: string): Promise<{ mergedId: string; cause: string; eventId: string | null; at: Date }[]> {
  const rows = await q.selectFrom('customer_merges').selectAll().where('survivor_id', '=', customerId).orderBy('merged_at').execute();
  return rows.map((row) => ({ mergedId: row.merged_id, cause: row.cause, eventId: row.event_id, at: row.merged_at }));
}
