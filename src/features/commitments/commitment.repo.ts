// The only SQL for commitments: reading them for the API, and the engine's writes (idempotent opens,
// state changes, and the action log whose primary key is the action's idempotency key).
import { sql, type Expression, type Selectable } from 'kysely';
import type { Queryable, Tx } from '../../db/create-db.js';
import { lockKeysUntilCommit } from '../../db/transaction-locks.js';
import type { CommitmentState, CommitmentsTable } from '../../db/database.js';
import { columnsOf, jsonArrayOf, timestampOf } from '../../db/json-view.js';
import type { AgentId, CaseId, CommitmentId, CustomerId } from '../../shared/values.js';
import type { KeysetPosition } from '../../shared/keyset-cursor.js';
import { stateMoves, type Commitment } from './commitment.js';
import type { CommitmentKind } from './policy.schemas.js';

export interface CommitmentRecord {
  id: string;
  kind: string;
  state: CommitmentState;
  dueAt: Date;
  ownerId: string | null;
  ownerRole: string | null;
  caseId: string | null;
  customerId: string | null;
  orderNumber: string | null;
  policyId: string | null;
  openedBy: string;
  fulfilledBy: string | null;
  atRisk: boolean;
  pausedAt: Date | null;
  details: Record<string, unknown>;
  openedAt: Date;
  closedAt: Date | null;
  breachedAt: Date | null;
  waivedBy: string | null;
  waivedReason: string | null;
  keptLate: boolean;
  reasonCode: string | null;
}

export function toCommitmentRecord(row: Selectable<CommitmentsTable>): CommitmentRecord {
  return {
    id: row.id,
    kind: row.kind,
    state: row.state,
    dueAt: row.due_at,
    ownerId: row.owner_id,
    ownerRole: row.owner_role,
    caseId: row.case_id,
    customerId: row.customer_id,
    orderNumber: row.order_number,
    policyId: row.policy_id,
    openedBy: row.opened_by,
    fulfilledBy: row.fulfilled_by,
    atRisk: row.at_risk,
    pausedAt: row.paused_at,
    details: row.details,
    openedAt: row.opened_at,
    closedAt: row.closed_at,
    breachedAt: row.breached_at,
    waivedBy: row.waived_by,
    waivedReason: row.waived_reason,
    keptLate: row.kept_late,
    reasonCode: row.reason_code,
  };
}

export interface CommitmentFilter {
  state?: CommitmentState | undefined;
  kind?: string | undefined;
  caseId?: string | undefined;
  customerId?: string | undefined;
  /** Keyset paging: only commitments after this (due time, id) in the list's order. */
  after?: KeysetPosition | undefined;
  limit: number;
}

export async function listCommitments(q: Queryable, filter: CommitmentFilter): Promise<CommitmentRecord[]> {
  let query = q.selectFrom('commitments').selectAll();
  if (filter.state) query = query.where('state', '=', filter.state);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.caseId) query = query.where('case_id', '=', filter.caseId);
  if (filter.customerId) query = query.where('customer_id', '=', filter.customerId);
  if (filter.after) {
    const { at, id } = filter.after;
    query = query.where((eb) => eb.or([eb('due_at', '>', at), eb.and([eb('due_at', '=', at), eb('id', '>', id)])]));
  }
  const rows = await query.orderBy('due_at').orderBy('id').limit(filter.limit).execute();
  return rows.map(toCommitmentRecord);
}

/**
 * The case's commitments as listCommitments gives them for the case (at most `limit`), each as
 * toCommitmentView writes it (the same fields in the same order), as JSON: a subquery for the case read.
 */
export function selectCommitmentViewsOfCase(q: Queryable, options: { caseId: Expression<string>; limit: number }) {
  return jsonArrayOf({
    rows: q.selectFrom('commitments').selectAll().where('case_id', '=', options.caseId).orderBy('due_at').orderBy('id').limit(options.limit),
    alias: 'k',
    columns: columnsOf('k', [
      'id',
      'kind',
      'state',
      timestampOf('k', 'due_at'),
      'owner_id',
      'owner_role',
      'case_id',
      'customer_id',
      'order_number',
      'policy_id',
      'opened_by',
      'fulfilled_by',
      'at_risk',
      timestampOf('k', 'opened_at'),
      timestampOf('k', 'closed_at'),
      timestampOf('k', 'breached_at'),
      'waived_reason',
      'kept_late',
      'reason_code',
      'details',
    ]),
    orderBy: ['due_at', 'id'],
  });
}

/** The JSON shape of SPEC §3 commitments. */
export function toCommitmentView(record: CommitmentRecord) {
  return {
    id: record.id,
    kind: record.kind,
    state: record.state,
    due_at: record.dueAt.toISOString(),
    owner_id: record.ownerId,
    owner_role: record.ownerRole,
    case_id: record.caseId,
    customer_id: record.customerId,
    order_number: record.orderNumber,
    policy_id: record.policyId,
    opened_by: record.openedBy,
    fulfilled_by: record.fulfilledBy,
    at_risk: record.atRisk,
    opened_at: record.openedAt.toISOString(),
    closed_at: record.closedAt?.toISOString() ?? null,
    breached_at: record.breachedAt?.toISOString() ?? null,
    waived_reason: record.waivedReason,
    kept_late: record.keptLate,
    reason_code: record.reasonCode,
    details: record.details,
  };
}

/** The engine's view of a stored commitment. */
export function toCommitment(row: Selectable<CommitmentsTable>): Commitment {
  return {
    id: row.id as CommitmentId,
    kind: row.kind as CommitmentKind,
    state: row.state,
    policyId: row.policy_id ?? '',
    openedAt: row.opened_at,
    dueAt: row.due_at,
    calendarName: row.calendar_name,
    ownerId: row.owner_id as AgentId | null,
    ownerRole: row.owner_role === 'manager' ? 'manager' : 'agent',
    caseId: row.case_id as CaseId | null,
    customerId: row.customer_id as CustomerId | null,
    orderId: row.order_number,
    openedBy: row.opened_by,
    fulfilledBy: row.fulfilled_by,
    fulfilledAt: row.closed_at,
    pausedAt: row.paused_at,
    atRiskAt: row.at_risk_at,
    breachedAt: row.breached_at,
    keptLate: row.kept_late,
    waivedBy: row.waived_by as AgentId | null,
    waivedReason: row.waived_reason,
    reasonCode: row.reason_code,
  };
}

/**
 * The owed (open or breached) commitments of cases, of orders, or with the given ids, locked for the
 * transaction so that two events about one case apply their decisions one after the other.
 *
 * Row locks alone cannot do that for what is not there yet: two breaches of one case fired at once both
 * found "no escalation owed" (the second waited on the first's rows, then read the set as it stood when its
 * statement began) and opened one each. So the case or order itself is locked first, in a statement of its
 * own: the read below starts after the other transaction has committed, and sees what it opened.
 */
export async function lockOwedCommitments(tx: Tx, options: { caseId?: string | null; caseIds?: readonly string[]; orderNumbers?: readonly string[]; ids?: readonly string[] }): Promise<Commitment[]> {
  const caseIds = [...(options.caseId ? [options.caseId] : []), ...(options.caseIds ?? [])];
  const { orderNumbers, ids } = options;
  if (!caseIds.length && !orderNumbers?.length && !ids?.length) return [];
  await lockKeysUntilCommit(tx, [...caseIds.map((id) => `owed-case:${id}`), ...(orderNumbers ?? []).map((number) => `owed-order:${number}`)]);
  const rows = await tx
    .selectFrom('commitments')
    .selectAll()
    .where('state', 'in', ['open', 'breached'])
    .where((eb) =>
      eb.or([
        ...(caseIds.length ? [eb('case_id', 'in', caseIds)] : []),
        ...(orderNumbers?.length ? [eb('order_number', 'in', [...orderNumbers])] : []),
        ...(ids?.length ? [eb('id', 'in', [...ids])] : []),
      ]),
    )
    .orderBy('id')
    .forUpdate()
    .execute();
  return rows.map(toCommitment);
}

/** One commitment in any state, locked for the transaction. */
export async function lockCommitment(tx: Tx, id: string): Promise<Commitment | undefined> {
  const row = await tx.selectFrom('commitments').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  return row && toCommitment(row);
}

/** The case and order a commitment is about, read without a lock (they never change). */
export async function findSubjectOfCommitment(q: Queryable, id: string): Promise<{ caseId: string | null; orderNumber: string | null } | undefined> {
  const row = await q.selectFrom('commitments').select(['case_id', 'order_number']).where('id', '=', id).executeTakeFirst();
  return row && { caseId: row.case_id, orderNumber: row.order_number };
}

/** A case handed to someone else takes its agents' commitments along (a hand-off keeps them owned). */
export async function moveCaseCommitments(q: Queryable, options: { caseId: string; ownerId: string | null }): Promise<void> {
  await q.updateTable('commitments').set({ owner_id: options.ownerId }).where('case_id', '=', options.caseId).where('owner_role', '=', 'agent').where('state', 'in', ['open', 'breached']).execute();
}

export async function findCommitmentRecord(q: Queryable, id: string): Promise<CommitmentRecord | undefined> {
  const row = await q.selectFrom('commitments').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toCommitmentRecord(row);
}

function commitmentRow(key: string, c: Commitment, details: Record<string, unknown>) {
  return {
    id: c.id,
    kind: c.kind,
    state: c.state,
    due_at: c.dueAt,
    owner_id: c.ownerId,
    owner_role: c.ownerRole,
    case_id: c.caseId,
    customer_id: c.customerId,
    order_number: c.orderId,
    policy_id: c.policyId,
    opened_by: c.openedBy,
    fulfilled_by: c.fulfilledBy,
    at_risk: c.atRiskAt !== null,
    paused_at: c.pausedAt,
    details: JSON.stringify(details),
    opened_at: c.openedAt,
    closed_at: c.fulfilledAt,
    breached_at: c.breachedAt,
    waived_by: c.waivedBy,
    waived_reason: c.waivedReason,
    open_key: key,
    calendar_name: c.calendarName,
    reason_code: c.reasonCode,
    kept_late: c.keptLate,
    at_risk_at: c.atRiskAt,
  };
}

/**
 * Inserts commitments under their open keys, in one statement; returns the ids inserted. One whose key was
 * opened before (a replay) is left out.
 */
export async function insertCommitments(q: Queryable, opens: readonly { key: string; commitment: Commitment; details: Record<string, unknown> }[]): Promise<Set<string>> {
  if (opens.length === 0) return new Set();
  const rows = await q
    .insertInto('commitments')
    .values(opens.map(({ key, commitment, details }) => commitmentRow(key, commitment, details)))
    .onConflict((oc) => oc.column('open_key').doNothing())
    .returning('id')
    .execute();
  return new Set(rows.map((row) => row.id));
}

export async function findCommitmentIdByOpenKey(q: Queryable, key: string): Promise<string | undefined> {
  const row = await q.selectFrom('commitments').select('id').where('open_key', '=', key).executeTakeFirst();
  return row?.id;
}

/** A commitment as it was read under its lock (`from`, its state then) and as a decision leaves it. */
export interface CommitmentMove {
  from: CommitmentState;
  to: Commitment;
}

/**
 * The one write of a commitment's state and fields, for any number of them in one statement; returns the ids
 * it moved. Its SQL moves only a commitment still in the state it was read in, and only along `stateMoves`:
 * an open one anywhere, a breached one to kept (late) or waived (or its owner), a closed one (kept, waived,
 * dismissed) never — whatever the caller holds in memory. A named exception (e.g. a kept notice that
 * bounced) is its own function beside this one, guarded on what makes it legitimate.
 */
export async function moveCommitments(q: Queryable, moves: readonly CommitmentMove[]): Promise<Set<string>> {
  for (const { from, to } of moves) {
    if (!stateMoves[from].includes(to.state)) throw new Error(`commitment ${to.id} cannot move from ${from} to ${to.state}`);
  }
  if (moves.length === 0) return new Set();
  const commitments = moves.map((move) => move.to);
  const column = <T>(pick: (c: Commitment) => T) => commitments.map(pick);
  const time = (value: Date | null) => value?.toISOString() ?? null;
  const result = await sql<{ id: string }>`
    update commitments set
      state = changed.state, due_at = changed.due_at, owner_id = changed.owner_id, owner_role = changed.owner_role, fulfilled_by = changed.fulfilled_by,
      closed_at = changed.closed_at, paused_at = changed.paused_at, at_risk = changed.at_risk, at_risk_at = changed.at_risk_at,
      breached_at = changed.breached_at, kept_late = changed.kept_late, waived_by = changed.waived_by, waived_reason = changed.waived_reason
    from unnest(
      ${column((c) => c.id)}::text[],
      ${moves.map((move) => move.from)}::text[],
      ${column((c) => c.state)}::text[],
      ${column((c) => time(c.dueAt))}::timestamptz[],
      ${column((c) => c.ownerId)}::text[],
      ${column((c) => c.ownerRole)}::text[],
      ${column((c) => c.fulfilledBy)}::text[],
      ${column((c) => time(c.fulfilledAt))}::timestamptz[],
      ${column((c) => time(c.pausedAt))}::timestamptz[],
      ${column((c) => c.atRiskAt !== null)}::boolean[],
      ${column((c) => time(c.atRiskAt))}::timestamptz[],
      ${column((c) => time(c.breachedAt))}::timestamptz[],
      ${column((c) => c.keptLate)}::boolean[],
      ${column((c) => c.waivedBy)}::text[],
      ${column((c) => c.waivedReason)}::text[]
    ) as changed(id, from_state, state, due_at, owner_id, owner_role, fulfilled_by, closed_at, paused_at, at_risk, at_risk_at, breached_at, kept_late, waived_by, waived_reason)
    where commitments.id = changed.id
      and commitments.state = changed.from_state
      and (commitments.state = 'open' or (commitments.state = 'breached' and changed.state in ('breached', 'kept', 'waived')))
    returning commitments.id`.execute(q);
  return new Set(result.rows.map((row) => row.id));
}

/**
 * Settles the history a replay has reached (src/db/history-transaction.ts): every commitment opened from
 * history, still open and due by `upTo`, was broken as of its deadline. Only an open commitment moves, as in
 * moveCommitments; no action runs, as nothing of the past may reach anyone now. Returns what it moved.
 */
export async function breachHistoryCommitments(q: Queryable, options: { upTo: Date }): Promise<{ id: string; caseId: string | null }[]> {
  const result = await sql<{ id: string; case_id: string | null }>`
    update commitments set state = 'breached', breached_at = due_at, at_risk = false
    where state = 'open' and due_at <= ${options.upTo.toISOString()}::timestamptz and details->>'history' = 'true'
    returning id, case_id`.execute(q);
  return result.rows.map((row) => ({ id: row.id, caseId: row.case_id }));
}

/**
 * Records an action under its idempotency key before it runs, in the transaction that applies it; false
 * when the key is already there (the action ran before, e.g. before a crash), and then it must not run.
 */
export async function recordAction(q: Queryable, options: { key: string; commitmentId: string | null; action: string; result: Record<string, unknown>; at: Date }): Promise<boolean> {
  const inserted = await q
    .insertInto('actions')
    .values({ idempotency_key: options.key, commitment_id: options.commitmentId, action: options.action, result: JSON.stringify(options.result), done_at: options.at })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returning('idempotency_key')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function setActionResult(q: Queryable, options: { key: string; result: Record<string, unknown> }): Promise<void> {
  await q
    .updateTable('actions')
    .set({ result: JSON.stringify(options.result) })
    .where('idempotency_key', '=', options.key)
    .execute();
}

/** Webhook actions recorded but not yet reported sent: their process stopped between commit and delivery. */
export async function listUnsentWebhookActions(q: Queryable, options: { recordedBefore: Date; limit: number }): Promise<{ key: string; result: Record<string, unknown> }[]> {
  const rows = await q
    .selectFrom('actions')
    .select(['idempotency_key', 'result'])
    .where('action', '=', 'webhook')
    .where(sql<boolean>`result->>'status' = 'pending'`)
    .where('done_at', '<', options.recordedBefore)
    .orderBy('done_at')
    .limit(options.limit)
    .execute();
  return rows.map((row) => ({ key: row.idempotency_key, result: row.result ?? {} }));
}

/**
 * True when the case already has an acknowledgement owed or given within `withinMs` before `at`: a customer who
 * writes twice in a row is acknowledged once (Kept's own acknowledgement goes out at most once a case an hour).
 */
export async function hasRecentAcknowledgement(q: Queryable, options: { caseId: string; at: Date; withinMs: number }): Promise<boolean> {
  const since = new Date(options.at.getTime() - options.withinMs);
  const row = await q
    .selectFrom('commitments')
    .select('id')
    .where('case_id', '=', options.caseId)
    .where('kind', '=', 'acknowledge')
    .where((eb) => eb.or([eb('state', '=', 'open'), eb.and([eb('state', '=', 'kept'), eb('closed_at', '>=', since)])]))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** When each acknowledgement of these cases that was kept, was kept. */
export async function listKeptAcknowledgements(q: Queryable, caseIds: readonly string[]): Promise<Map<string, Date[]>> {
  if (caseIds.length === 0) return new Map();
  const rows = await q
    .selectFrom('commitments')
    .select(['case_id', 'closed_at'])
    .where('case_id', 'in', [...caseIds])
    .where('kind', '=', 'acknowledge')
    .where('state', '=', 'kept')
    .execute();
  const byCase = new Map<string, Date[]>();
  for (const row of rows) if (row.case_id && row.closed_at) byCase.set(row.case_id, [...(byCase.get(row.case_id) ?? []), row.closed_at]);
  return byCase;
}

/** What a feature that asked for a commitment wants kept with it (a promise's words, a document's id). */
export async function setCommitmentDetails(q: Queryable, options: { id: string; details: Record<string, unknown> }): Promise<void> {
  await q
    .updateTable('commitments')
    .set({ details: JSON.stringify(options.details) })
    .where('id', '=', options.id)
    .execute();
}

/**
 * The one move out of `kept`, named apart from every other change (kept is otherwise final): the message that
 * kept these commitments bounced, so they are owed again — open, or breached when the deadline has passed.
 * Guarded on `fulfilled_by` naming that very message: nothing else can be reopened this way.
 */
export async function reopenCommitmentsKeptByBouncedMessage(tx: Tx, options: { messageId: string; at: Date }): Promise<Commitment[]> {
  const at = options.at.toISOString();
  const rows = await tx
    .updateTable('commitments')
    .set({
      state: sql`case when due_at <= ${at}::timestamptz then 'breached' else 'open' end`,
      breached_at: sql`case when due_at <= ${at}::timestamptz then coalesce(breached_at, ${at}::timestamptz) else breached_at end`,
      fulfilled_by: null,
      closed_at: null,
      kept_late: false,
      paused_at: null,
    })
    .where('state', '=', 'kept')
    .where('fulfilled_by', '=', options.messageId)
    .returningAll()
    .execute();
  return rows.map(toCommitment);
}
