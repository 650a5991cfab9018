// The only SQL for customers, identities and merges.
import { sql, type Expression, type Selectable } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Queryable } from '../../db/create-db.js';
import { lockKeysUntilCommit } from '../../db/transaction-locks.js';
import type { CustomersTable, IdentitiesTable, IdentityKind } from '../../db/database.js';
import { reviveTimestamps } from '../../db/json-rows.js';
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
  await lockKeysUntilCommit(
    q,
    identities.map((identity) => `${identity.kind}:${identity.value}`),
  );
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

/** Handle identities with this id (`@ana`) on any network: a bare handle given without its network. */
export async function findHandlesOnAnyNetwork(q: Queryable, handleId: string): Promise<IdentityRow[]> {
  const escaped = handleId.replace(/[\\%_]/g, (character) => `\\${character}`);
  const rows = await q
    .selectFrom('identities')
    .select(['kind', 'value', 'customer_id', 'created_at'])
    .where('kind', '=', 'handle')
    .where('value', 'like', `%:${escaped}`)
    .orderBy('created_at')
    .orderBy('id')
    .limit(100)
    .execute();
  return rows.map((row) => ({ kind: row.kind, value: row.value, customerId: row.customer_id, createdAt: row.created_at }));
}

/**
 * The customers of any number of identities, with when each customer was created (the oldest survives a
 * merge): one query for a whole batch, joining the identities to look up as a table of pairs.
 */
export async function findIdentityOwners(q: Queryable, identities: IdentityValue[]): Promise<{ kind: IdentityKind; value: string; customerId: string; customerCreatedAt: Date }[]> {
  if (identities.length === 0) return [];
  const result = await sql<{ kind: IdentityKind; value: string; customer_id: string; customer_created_at: Date }>`
    select i.kind, i.value, i.customer_id, c.created_at as customer_created_at
    from unnest(${identities.map((identity) => identity.kind)}::text[], ${identities.map((identity) => identity.value)}::text[]) as wanted(kind, value)
    join identities i on i.kind = wanted.kind and i.value = wanted.value
    join customers c on c.id = i.customer_id`.execute(q);
  return result.rows.map((row) => ({ kind: row.kind, value: row.value, customerId: row.customer_id, customerCreatedAt: new Date(row.customer_created_at) }));
}

/** When each of the given customers was created. */
export async function findCustomerCreationTimes(q: Queryable, ids: readonly string[]): Promise<Map<string, Date>> {
  if (ids.length === 0) return new Map();
  const rows = await q
    .selectFrom('customers')
    .select(['id', 'created_at'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((row) => [row.id, row.created_at]));
}

export async function insertCustomers(q: Queryable, customers: readonly { id: string; name: string | null; timeZone: string | null; at: Date }[]): Promise<void> {
  if (customers.length === 0) return;
  await q
    .insertInto('customers')
    .values(customers.map((customer) => ({ id: customer.id, name: customer.name, time_zone: customer.timeZone, created_at: customer.at, updated_at: customer.at })))
    .execute();
}

/**
 * Writes what events said about their customers: a name or time zone given replaces the stored one, one not
 * given leaves it; `updated_at` becomes the event's time. One statement for any number of customers (each once).
 */
export async function updateCustomerProfiles(q: Queryable, updates: readonly { id: string; name?: string | undefined; timeZone?: string | undefined; at: Date }[]): Promise<void> {
  if (updates.length === 0) return;
  await sql`
    update customers set
      name = case when given.has_name then given.name else customers.name end,
      time_zone = case when given.has_time_zone then given.time_zone else customers.time_zone end,
      updated_at = given.at
    from unnest(
      ${updates.map((update) => update.id)}::text[],
      ${updates.map((update) => update.name !== undefined)}::boolean[],
      ${updates.map((update) => update.name ?? null)}::text[],
      ${updates.map((update) => update.timeZone !== undefined)}::boolean[],
      ${updates.map((update) => update.timeZone ?? null)}::text[],
      ${updates.map((update) => update.at.toISOString())}::timestamptz[]
    ) as given(id, has_name, name, has_time_zone, time_zone, at)
    where customers.id = given.id`.execute(q);
}

export async function insertIdentities(q: Queryable, identities: readonly { customerId: string; identity: IdentityValue; at: Date }[]): Promise<void> {
  if (identities.length === 0) return;
  await q
    .insertInto('identities')
    .values(identities.map(({ customerId, identity, at }) => ({ id: newId('idn'), customer_id: customerId, kind: identity.kind, value: identity.value, created_at: at })))
    .onConflict((oc) => oc.columns(['kind', 'value']).doNothing())
    .execute();
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
    .values(
      options.mergedIds.map((mergedId) => ({ id: newId('mrg'), survivor_id: options.survivorId, merged_id: mergedId, cause: options.cause, event_id: options.eventId ?? null, merged_at: options.at })),
    )
    .execute();
}

function toCustomerRecord(row: Selectable<CustomersTable>): CustomerRow & { mergedInto: string | null } {
  return { id: row.id, name: row.name, timeZone: row.time_zone, createdAt: row.created_at, mergedInto: row.merged_into };
}

function toIdentityRow(row: Selectable<IdentitiesTable>): IdentityRow {
  return { kind: row.kind, value: row.value, customerId: row.customer_id, createdAt: row.created_at };
}

export async function findCustomerById(q: Queryable, id: string): Promise<(CustomerRow & { mergedInto: string | null }) | undefined> {
  const row = await q.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toCustomerRecord(row);
}

function identitiesOfCustomerQuery(q: Queryable, customerId: string | Expression<string>) {
  return q.selectFrom('identities').selectAll().where('customer_id', '=', customerId).orderBy('created_at');
}

export async function listIdentitiesOfCustomer(q: Queryable, customerId: string): Promise<IdentityRow[]> {
  const rows = await identitiesOfCustomerQuery(q, customerId).execute();
  return rows.map(toIdentityRow);
}

/** A customer and its identities (oldest first) in one statement; the identities are empty when there is no customer. */
export async function findCustomerWithIdentities(q: Queryable, id: string): Promise<{ customer: (CustomerRow & { mergedInto: string | null }) | undefined; identities: IdentityRow[] }> {
  const row = await q
    .selectFrom('customers')
    .selectAll('customers')
    .select((eb) => jsonArrayFrom(identitiesOfCustomerQuery(q, eb.ref('customers.id'))).as('identities'))
    .where('customers.id', '=', id)
    .executeTakeFirst();
  if (!row) return { customer: undefined, identities: [] };
  const { identities, ...customer } = row;
  return { customer: toCustomerRecord(customer), identities: identities.map((identity) => toIdentityRow(reviveTimestamps<Selectable<IdentitiesTable>>(identity, { created_at: true }))) };
}

export async function listMergesOfCustomer(q: Queryable, customerId: string): Promise<{ mergedId: string; cause: string; eventId: string | null; at: Date }[]> {
  const rows = await q.selectFrom('customer_merges').selectAll().where('survivor_id', '=', customerId).orderBy('merged_at').execute();
  return rows.map((row) => ({ mergedId: row.merged_id, cause: row.cause, eventId: row.event_id, at: row.merged_at }));
}
