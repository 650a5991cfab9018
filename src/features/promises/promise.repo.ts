// The SQL promises need: the open commitments they opened, found by case and kind, and the customer's zone.
import type { ExpressionBuilder } from 'kysely';
import type { Queryable } from '../../db/create-db.js';
import type { Database } from '../../db/database.js';

export interface OpenPromiseCommitment {
  id: string;
  kind: string;
  caseId: string | null;
  orderNumber: string | null;
  openedAt: Date;
  openedBy: string;
}

/** Open commitments opened from words (details.source = 'promise') on a case, oldest first. */
export async function listOpenPromiseCommitments(q: Queryable, options: { caseId?: string; customerId?: string; kinds: string[] }): Promise<OpenPromiseCommitment[]> {
  let query = q
    .selectFrom('commitments')
    .select(['id', 'kind', 'case_id', 'order_number', 'opened_at', 'opened_by'])
    .where('state', 'in', ['open', 'breached'])
    .where('kind', 'in', options.kinds)
    .where((eb) => eb(eb.ref('details', '->>').key('source'), '=', 'promise'));
  if (options.caseId) query = query.where('case_id', '=', options.caseId);
  if (options.customerId) query = query.where('customer_id', '=', options.customerId);
  const rows = await query.orderBy('opened_at').orderBy('id').execute();
  return rows.map((row) => ({ id: row.id, kind: row.kind, caseId: row.case_id, orderNumber: row.order_number, openedAt: row.opened_at, openedBy: row.opened_by }));
}

export async function findCustomerTimeZone(q: Queryable, customerId: string): Promise<string | null> {
  const row = await q.selectFrom('customers').select('time_zone').where('id', '=', customerId).executeTakeFirst();
  return row?.time_zone ?? null;
}

export async function findAgentRole(q: Queryable, agentId: string): Promise<string | null> {
  const row = await q.selectFrom('agents').select('role').where('id', '=', agentId).executeTakeFirst();
  return row?.role ?? null;
}

export async function findCaseOwnerId(q: Queryable, caseId: string): Promise<string | null> {
  const row = await q.selectFrom('cases').select('owner_id').where('id', '=', caseId).executeTakeFirst();
  return row?.owner_id ?? null;
}

export async function findMessageAuthorId(q: Queryable, messageId: string): Promise<string | null> {
  const row = await q.selectFrom('messages').select('author_id').where('id', '=', messageId).executeTakeFirst();
  return row?.author_id ?? null;
}

/**
 * The commitment of a case that already holds someone to a promise Kept's own message makes: one of `kinds`,
 * due no later than `dueBy` (any, for a promise without a time), the soonest first, as the case stood when the
 * message was written rather than when it was delivered: open still, or kept since by a message written after
 * it (ids sort in creation order). A reply that kept it in between (later in the same batch of events, say)
 * leaves the promise backed, whatever the size of the batches.
 */
export async function findBackingCommitment(
  q: Queryable,
  options: { caseId: string; kinds: readonly string[]; dueBy: Date | null; messageId: string },
): Promise<{ id: string; kind: string; dueAt: Date; ownerRole: string | null } | undefined> {
  if (options.kinds.length === 0) return undefined;
  // The engine records the keeping message by its id, the promises feature as `message:<id>`.
  const keptByLater = (eb: ExpressionBuilder<Database, 'commitments'>, prefix: string) =>
    eb.and([eb('fulfilled_by', 'like', `${prefix}msg\\_%`), eb('fulfilled_by', '>', `${prefix}${options.messageId}`)]);
  let query = q
    .selectFrom('commitments')
    .select(['id', 'kind', 'due_at', 'owner_role'])
    .where('case_id', '=', options.caseId)
    .where('kind', 'in', [...options.kinds])
    .where((eb) => eb.or([eb('state', '=', 'open'), eb.and([eb('state', '=', 'kept'), eb.or([keptByLater(eb, ''), keptByLater(eb, 'message:')])])]));
  if (options.dueBy) query = query.where('due_at', '<=', options.dueBy);
  const row = await query.orderBy('due_at').orderBy('id').limit(1).executeTakeFirst();
  return row && { id: row.id, kind: row.kind, dueAt: row.due_at, ownerRole: row.owner_role };
}
