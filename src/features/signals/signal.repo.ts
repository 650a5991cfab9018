// The only SQL of the signals feature: what was read from each message, the facts a case's risk is
// computed from, the risk and routing stored on the case, and the load of each agent for assignment.
import type { Expression, InferResult, Selectable } from 'kysely';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import type { Queryable } from '../../db/create-db.js';
import type { AuthorKind, CaseNotesTable, MessageDirection, RiskSignal } from '../../db/database.js';
import { columnsOf, jsonArrayOf, timestampOf } from '../../db/json-view.js';
import { preparedWithParameter } from '../../db/prepared.js';
import { newId } from '../../shared/ids.js';

export async function insertMessageSignals(
  q: Queryable,
  input: { messageId: string; caseId: string; sentiment: number; managerRequest: string | null; churnIntent: string | null; analysisTruncated: boolean; at: Date },
): Promise<void> {
  await q
    .insertInto('message_signals')
    .values({
      message_id: input.messageId,
      case_id: input.caseId,
      sentiment: input.sentiment,
      manager_request: input.managerRequest,
      churn_intent: input.churnIntent,
      analysis_truncated: input.analysisTruncated,
      at: input.at,
    })
    .onConflict((oc) => oc.column('message_id').doNothing())
    .execute();
}

export interface CaseHistoryRow {
  messageId: string;
  direction: MessageDirection;
  authorKind: AuthorKind;
  authorId: string | null;
  noise: string | null;
  at: Date;
  sentiment: number | null;
  managerRequest: string | null;
  churnIntent: string | null;
  /** Finding codes an agent overrode to send this reply. */
  overriddenCodes: string[];
}

/**
 * A case's messages with what was read from each and the override its sending needed. The signals and the
 * outbox entry are read per message by key (one subquery each), never joined: a join let PostgreSQL's plan
 * for the prepared risk read turn to hashing both whole tables once its statistics grew (every read of a
 * case then cost as much as the store was large).
 */
function caseHistoryQuery(q: Queryable, caseId: string | Expression<string>) {
  return q
    .selectFrom('messages')
    .select((eb) => [
      'messages.id',
      'messages.direction',
      'messages.author_kind',
      'messages.author_id',
      'messages.noise',
      'messages.at',
      jsonObjectFrom(
        eb
          .selectFrom('message_signals')
          .select(['message_signals.sentiment', 'message_signals.manager_request', 'message_signals.churn_intent'])
          .whereRef('message_signals.message_id', '=', 'messages.id'),
      ).as('signals'),
      eb.selectFrom('outbox').select('outbox.override').whereRef('outbox.message_id', '=', 'messages.id').limit(1).as('override'),
    ])
    .where('messages.case_id', '=', caseId)
    .orderBy('messages.at')
    .orderBy('messages.id');
}

function toCaseHistoryRow(row: {
  id: string;
  direction: MessageDirection;
  author_kind: AuthorKind;
  author_id: string | null;
  noise: string | null;
  at: Date | string;
  signals: { sentiment: number | string; manager_request: string | null; churn_intent: string | null } | null;
  override: { codes?: string[] } | null;
}): CaseHistoryRow {
  return {
    messageId: row.id,
    direction: row.direction,
    authorKind: row.author_kind,
    authorId: row.author_id,
    noise: row.noise,
    at: new Date(row.at),
    sentiment: row.signals === null ? null : Number(row.signals.sentiment),
    managerRequest: row.signals?.manager_request ?? null,
    churnIntent: row.signals?.churn_intent ?? null,
    overriddenCodes: row.override?.codes ?? [],
  };
}

/** Replies already sent on a case by people (agents in Kept, or authors reported by `message.sent`). */
export async function listEarlierReplies(q: Queryable, caseId: string): Promise<{ id: string; body: string; at: Date }[]> {
  return q
    .selectFrom('messages')
    .select(['id', 'body', 'at'])
    .where('case_id', '=', caseId)
    .where('direction', '=', 'out')
    .where((eb) => eb.or([eb('author_kind', '=', 'agent'), eb.and([eb('author_kind', '=', 'external'), eb('author_id', 'is not', null)])]))
    .orderBy('at')
    .orderBy('id')
    .execute();
}

export async function hasOpenCommitment(q: Queryable, options: { caseId: string; kind: string }): Promise<boolean> {
  const row = await q.selectFrom('commitments').select('id').where('case_id', '=', options.caseId).where('kind', '=', options.kind).where('state', '=', 'open').limit(1).executeTakeFirst();
  return row !== undefined;
}

export interface CaseRoutingState {
  customerId: string;
  state: string;
  escalated: boolean;
  queue: string | null;
}

export interface CaseRiskFacts extends CaseRoutingState {
  /** The risk stored on the case now. */
  risk: { score: number; signals: RiskSignal[] };
  history: CaseHistoryRow[];
  breachedCommitments: number;
  customerValue: { orderCount: number; spendMinor: number; currency: string };
}

/** Order count and spend of a customer, the spend in the currency they spent most in. */
function customerValueOf(rows: readonly { currency: string | null; orders: number | string; spend: number | string | null }[]) {
  const orderCount = rows.reduce((sum, row) => sum + Number(row.orders), 0);
  const main = rows.filter((row) => row.currency !== null).sort((a, b) => Number(b.spend ?? 0) - Number(a.spend ?? 0))[0];
  // XXX is ISO 4217's "no currency": a customer without priced orders has no spend to show.
  return { orderCount, spendMinor: Number(main?.spend ?? 0), currency: main?.currency ?? 'XXX' };
}

/** Reads a case's risk facts inside the caller's transaction (or on the database). */
export type CaseRiskFactsReader = (q: Queryable, caseId: string) => Promise<CaseRiskFacts | undefined>;

/**
 * Everything a case's risk is computed from, in one query: its routing state and stored risk, its history,
 * its breached commitments, and its customer's order count and spend. The query runs for every customer
 * message and most of Kept's own, so it is built and compiled once (with a stand-in for the case id, bound
 * on each read) and kept prepared on PostgreSQL; its columns are named, so a new column cannot break it.
 */
export function createCaseRiskFactsReader(q: Queryable): CaseRiskFactsReader {
  const build = (standIn: string) =>
    q
      .selectFrom('cases')
      .select((eb) => [
        'cases.customer_id',
        'cases.state',
        'cases.escalated',
        'cases.queue',
        'cases.risk_score',
        'cases.risk_signals',
        jsonArrayFrom(caseHistoryQuery(q, eb.ref('cases.id'))).as('history'),
        eb
          .selectFrom('commitments')
          .select((inner) => inner.fn.countAll<number>().as('count'))
          .whereRef('commitments.case_id', '=', 'cases.id')
          .where('commitments.state', '=', 'breached')
          .as('breached'),
        jsonArrayFrom(
          eb
            .selectFrom('orders')
            .select((inner) => ['orders.currency', inner.fn.countAll<number>().as('orders'), inner.fn.sum<number>('orders.total_minor').as('spend')])
            .whereRef('orders.customer_id', '=', 'cases.customer_id')
            .groupBy('orders.currency'),
        ).as('value'),
      ])
      .where('cases.id', '=', standIn);
  const statement = preparedWithParameter(build);
  return async (reader, caseId) => {
    const [row] = (await reader.executeQuery<InferResult<ReturnType<typeof build>>[number]>(statement(caseId))).rows;
    if (!row) return undefined;
    return {
      customerId: row.customer_id,
      state: row.state,
      escalated: row.escalated,
      queue: row.queue,
      risk: { score: Number(row.risk_score), signals: row.risk_signals },
      history: row.history.map(toCaseHistoryRow),
      breachedCommitments: Number(row.breached ?? 0),
      customerValue: customerValueOf(row.value),
    };
  };
}

export interface CaseRoutingChange {
  caseId: string;
  risk?: { score: number; signals: readonly RiskSignal[] };
  escalated?: true;
  queue?: string;
  at: Date;
}

/** Stores a case's risk, and its escalation or queue when they change (those count as activity on the case). */
export async function updateCaseRouting(q: Queryable, change: CaseRoutingChange): Promise<void> {
  const moves = change.escalated !== undefined || change.queue !== undefined;
  if (!change.risk && !moves) return;
  await q
    .updateTable('cases')
    .set({
      ...(change.risk ? { risk_score: change.risk.score, risk_signals: JSON.stringify(change.risk.signals) } : {}),
      ...(change.escalated ? { escalated: true } : {}),
      ...(change.queue !== undefined ? { queue: change.queue } : {}),
      ...(moves ? { updated_at: change.at } : {}),
    })
    .where('id', '=', change.caseId)
    .execute();
}

export async function setCaseOwner(q: Queryable, options: { caseId: string; ownerId: string | null; at: Date }): Promise<void> {
  await q.updateTable('cases').set({ owner_id: options.ownerId, updated_at: options.at }).where('id', '=', options.caseId).execute();
}

export async function listAgentNames(q: Queryable): Promise<{ id: string; name: string }[]> {
  return q.selectFrom('agents').select(['id', 'name']).execute();
}

export async function markAgentAssigned(q: Queryable, options: { agentId: string; at: Date }): Promise<void> {
  await q.updateTable('agents').set({ last_assigned_at: options.at }).where('id', '=', options.agentId).execute();
}

export async function setAgentOutOfOffice(q: Queryable, options: { agentId: string; outOfOffice: boolean }): Promise<boolean> {
  const result = await q.updateTable('agents').set({ out_of_office: options.outOfOffice }).where('id', '=', options.agentId).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export interface CaseToRoute {
  id: string;
  customerId: string;
  kind: string;
  lastChannel: string | null;
  ownerId: string | null;
}

export async function listUnresolvedCasesOwnedBy(q: Queryable, agentId: string): Promise<CaseToRoute[]> {
  const rows = await q
    .selectFrom('cases')
    .select(['id', 'customer_id', 'kind', 'last_channel', 'owner_id'])
    .where('owner_id', '=', agentId)
    .where('state', '!=', 'resolved')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toCaseToRoute);
}

/** Unresolved cases nobody owns, oldest first. */
export async function listUnassignedCases(q: Queryable, limit: number): Promise<CaseToRoute[]> {
  const rows = await q
    .selectFrom('cases')
    .select(['id', 'customer_id', 'kind', 'last_channel', 'owner_id'])
    .where('owner_id', 'is', null)
    .where('state', '!=', 'resolved')
    // Automatic mail (newsletters, notifications) waits in its own queue; it is nobody's work by default.
    .where((eb) => eb.or([eb('queue', 'is', null), eb('queue', '!=', 'automatic')]))
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(toCaseToRoute);
}

function toCaseToRoute(row: { id: string; customer_id: string; kind: string; last_channel: string | null; owner_id: string | null }): CaseToRoute {
  return { id: row.id, customerId: row.customer_id, kind: row.kind, lastChannel: row.last_channel, ownerId: row.owner_id };
}

/** The owner of the customer's most recent other case that had one, other than `notOwnerId`. */
export async function findCustomerPreviousOwner(q: Queryable, options: { customerId: string; excludeCaseId: string; notOwnerId?: string | undefined }): Promise<string | null> {
  // The customer's cases first (their index), then the latest: asked for the latest directly, the planner walked
  // every case by its update time looking for one of the customer's, the whole table when none had an owner.
  const row = await q
    .with(
      (cte) => cte('owned').materialized(),
      (db) => {
        let cases = db
          .selectFrom('cases')
          .select(['owner_id', 'updated_at', 'id'])
          .where('customer_id', '=', options.customerId)
          .where('id', '!=', options.excludeCaseId)
          .where('owner_id', 'is not', null);
        if (options.notOwnerId) cases = cases.where('owner_id', '!=', options.notOwnerId);
        return cases;
      },
    )
    .selectFrom('owned')
    .select('owner_id')
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.owner_id ?? null;
}

export interface CaseNote {
  id: string;
  caseId: string;
  kind: string;
  authorId: string | null;
  body: string;
  at: Date;
}

export async function insertCaseNote(q: Queryable, note: Omit<CaseNote, 'id'>): Promise<CaseNote> {
  const id = newId('nte');
  await q.insertInto('case_notes').values({ id, case_id: note.caseId, kind: note.kind, author_id: note.authorId, body: note.body, at: note.at }).execute();
  return { id, ...note };
}

function toCaseNote(row: Selectable<CaseNotesTable>): CaseNote {
  return { id: row.id, caseId: row.case_id, kind: row.kind, authorId: row.author_id, body: row.body, at: row.at };
}

export async function listCaseNotes(q: Queryable, caseId: string): Promise<CaseNote[]> {
  const rows = await q.selectFrom('case_notes').selectAll().where('case_id', '=', caseId).orderBy('at').orderBy('id').execute();
  return rows.map(toCaseNote);
}

/** The case's notes as JSON (id, kind, author_id, body, at), in listCaseNotes's order: a subquery for the case read. */
export function selectCaseNoteViews(q: Queryable, caseId: Expression<string>) {
  return jsonArrayOf({
    rows: q.selectFrom('case_notes').selectAll().where('case_id', '=', caseId),
    alias: 'n',
    columns: columnsOf('n', ['id', 'kind', 'author_id', 'body', timestampOf('n', 'at')]),
    orderBy: ['at', 'id'],
  });
}
