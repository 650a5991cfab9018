// The only SQL for cases.
import { sql, type AliasableExpression, type Expression, type Selectable } from 'kysely';
import type { Queryable } from '../../db/create-db.js';
import { reviveTimestamps, type JsonRow } from '../../db/json-rows.js';
import { preparedWithParameter } from '../../db/prepared.js';
import type { CasesTable, CaseState, RiskSignal } from '../../db/database.js';
import { newId, newPublicToken } from '../../shared/ids.js';

export interface CaseRecord {
  id: string;
  number: number;
  customerId: string;
  state: CaseState;
  ownerId: string | null;
  subject: string;
  channels: string[];
  orderNumber: string | null;
  kind: string;
  queue: string | null;
  escalated: boolean;
  flagged: boolean;
  risk: { score: number; signals: RiskSignal[] };
  statusToken: string;
  lastChannel: string | null;
  createdAt: Date;
  updatedAt: Date;
  resolvedAt: Date | null;
}

function toCaseRecord(row: Selectable<CasesTable>): CaseRecord {
  return {
    id: row.id,
    number: row.number,
    customerId: row.customer_id,
    state: row.state,
    ownerId: row.owner_id,
    subject: row.subject,
    channels: row.channels,
    orderNumber: row.order_number,
    kind: row.kind,
    queue: row.queue,
    escalated: row.escalated,
    flagged: row.flagged,
    risk: { score: row.risk_score, signals: row.risk_signals },
    statusToken: row.status_token,
    lastChannel: row.last_channel,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    resolvedAt: row.resolved_at,
  };
}

export async function insertCase(q: Queryable, input: { customerId: string; subject: string; channel: string; orderNumber: string | null; kind?: string; ownerId?: string | null; at: Date }): Promise<CaseRecord> {
  const row = await q
    .insertInto('cases')
    .values({
      id: newId('cas'),
      customer_id: input.customerId,
      state: 'open',
      owner_id: input.ownerId ?? null,
      subject: input.subject,
      channels: JSON.stringify([input.channel]),
      order_number: input.orderNumber,
      kind: input.kind ?? 'inquiry',
      risk_signals: JSON.stringify([]),
      status_token: newPublicToken(),
      last_channel: input.channel,
      created_at: input.at,
      updated_at: input.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toCaseRecord(row);
}

/** The case with this id, or with the id a subquery of another repo picks (a thread's case, in one statement with it). */
export async function findCaseById(q: Queryable, id: string | Expression<string | null>): Promise<CaseRecord | undefined> {
  const row = await q.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toCaseRecord(row);
}

/** A part read with the case: a JSON subquery (of the part's own repo) correlated on the case's id. */
export type CasePartSelect = (q: Queryable, caseId: Expression<string>) => AliasableExpression<unknown>;

export interface CaseWithParts {
  record: CaseRecord;
  /** What each part's subquery gave, in the order of the parts. */
  parts: unknown[];
}

/**
 * A reader of a case with its parts in one statement: one round trip, and every part from the same
 * snapshot. The statement is built and compiled once, for these parts; each read only binds the id. Every
 * column is JSON, so the statement can stay prepared on PostgreSQL whatever columns the tables gain.
 */
export function createCaseWithPartsReader(q: Queryable, parts: readonly CasePartSelect[]): (q: Queryable, id: string) => Promise<CaseWithParts | undefined> {
  const caseId = sql.ref<string>('cases.id');
  const aliases = parts.map((_, index) => `part_${index}`);
  const statement = preparedWithParameter((id) =>
    q
      .selectFrom('cases')
      .select(sql<JsonRow<Selectable<CasesTable>>>`to_json(${sql.table('cases')})`.as('case_row'))
      .select(parts.map((select, index) => select(q, caseId).as(aliases[index]!)))
      .where('cases.id', '=', id),
  );
  return async (reader, id) => {
    const [row] = (await reader.executeQuery<{ case_row: JsonRow<Selectable<CasesTable>> } & Record<string, unknown>>(statement(id))).rows;
    if (!row) return undefined;
    const record = toCaseRecord(reviveTimestamps<Selectable<CasesTable>>(row.case_row, { created_at: true, updated_at: true, resolved_at: true }));
    return { record, parts: aliases.map((alias) => row[alias]) };
  };
}

export async function findCasesByIds(q: Queryable, ids: readonly string[]): Promise<Map<string, CaseRecord>> {
  if (ids.length === 0) return new Map();
  const rows = await q.selectFrom('cases').selectAll().where('id', 'in', [...ids]).execute();
  return new Map(rows.map((row) => [row.id, toCaseRecord(row)]));
}

export async function findCaseByNumber(q: Queryable, number: number): Promise<CaseRecord | undefined> {
  const row = await q.selectFrom('cases').selectAll().where('number', '=', number).executeTakeFirst();
  return row && toCaseRecord(row);
}

export async function findCaseByStatusToken(q: Queryable, token: string): Promise<CaseRecord | undefined> {
  const row = await q.selectFrom('cases').selectAll().where('status_token', '=', token).executeTakeFirst();
  return row && toCaseRecord(row);
}

/** The customer's unresolved cases, most recently active first. */
export async function listOpenCasesOfCustomer(q: Queryable, customerId: string): Promise<CaseRecord[]> {
  const rows = await q.selectFrom('cases').selectAll().where('customer_id', '=', customerId).where('state', '!=', 'resolved').orderBy('updated_at', 'desc').execute();
  return rows.map(toCaseRecord);
}

/** The unresolved cases of these customers, with the order each names. */
export async function listOpenCasesOfCustomers(q: Queryable, customerIds: readonly string[]): Promise<{ id: string; customerId: string; orderNumber: string | null }[]> {
  if (customerIds.length === 0) return [];
  const rows = await q.selectFrom('cases').select(['id', 'customer_id', 'order_number']).where('customer_id', 'in', [...customerIds]).where('state', '!=', 'resolved').execute();
  return rows.map((row) => ({ id: row.id, customerId: row.customer_id, orderNumber: row.order_number }));
}

export async function listCasesOfCustomer(q: Queryable, customerId: string): Promise<CaseRecord[]> {
  const rows = await q.selectFrom('cases').selectAll().where('customer_id', '=', customerId).orderBy('created_at').execute();
  return rows.map(toCaseRecord);
}

export interface CaseChanges {
  state?: CaseState;
  ownerId?: string | null;
  addChannel?: string;
  escalated?: boolean;
  flagged?: boolean;
  queue?: string | null;
  orderNumber?: string;
  risk?: { score: number; signals: RiskSignal[] };
  kind?: string;
  at: Date;
}

export async function updateCase(q: Queryable, id: string, changes: CaseChanges): Promise<CaseRecord> {
  const row = await q
    .updateTable('cases')
    .set({
      ...(changes.state !== undefined ? { state: changes.state, resolved_at: changes.state === 'resolved' ? changes.at : null } : {}),
      ...(changes.ownerId !== undefined ? { owner_id: changes.ownerId } : {}),
      ...(changes.addChannel !== undefined
        ? {
            channels: sql`case when channels @> ${JSON.stringify([changes.addChannel])}::jsonb then channels else channels || ${JSON.stringify([changes.addChannel])}::jsonb end`,
            last_channel: changes.addChannel,
          }
        : {}),
      ...(changes.escalated !== undefined ? { escalated: changes.escalated } : {}),
      ...(changes.flagged !== undefined ? { flagged: changes.flagged } : {}),
      ...(changes.queue !== undefined ? { queue: changes.queue } : {}),
      ...(changes.orderNumber !== undefined ? { order_number: changes.orderNumber } : {}),
      ...(changes.kind !== undefined ? { kind: changes.kind } : {}),
      ...(changes.risk !== undefined ? { risk_score: changes.risk.score, risk_signals: JSON.stringify(changes.risk.signals) } : {}),
      updated_at: changes.at,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toCaseRecord(row);
}

export type CaseQueue = 'mine' | 'unassigned' | 'at_risk' | 'escalated' | 'breached' | 'recovery';

export interface CaseListFilter {
  customerId?: string | undefined;
  state?: CaseState | undefined;
  ownerId?: string | undefined;
  queue?: CaseQueue | undefined;
  /** The agent asking, for the `mine` queue. */
  viewerId?: string | undefined;
  cursor?: { updatedAt: Date; id: string } | undefined;
  limit: number;
}

export interface CaseListRow extends CaseRecord {
  customerName: string | null;
  ownerName: string | null;
  nextDueAt: Date | null;
}

export async function listCases(q: Queryable, filter: CaseListFilter): Promise<CaseListRow[]> {
  let query = q
    .selectFrom('cases')
    .leftJoin('customers', 'customers.id', 'cases.customer_id')
    .leftJoin('agents', 'agents.id', 'cases.owner_id')
    .selectAll('cases')
    .select(['customers.name as customer_name', 'agents.name as owner_name'])
    .select((eb) =>
      eb
        .selectFrom('commitments')
        .select((inner) => inner.fn.min('commitments.due_at').as('due'))
        .whereRef('commitments.case_id', '=', 'cases.id')
        .where('commitments.state', '=', 'open')
        .as('next_due_at'),
    );
  if (filter.customerId) query = query.where('cases.customer_id', '=', filter.customerId);
  if (filter.state) query = query.where('cases.state', '=', filter.state);
  if (filter.ownerId) query = query.where('cases.owner_id', '=', filter.ownerId);
  switch (filter.queue) {
    case 'mine':
      query = query.where('cases.owner_id', '=', filter.viewerId ?? '').where('cases.state', '!=', 'resolved');
      break;
    case 'unassigned':
      query = query.where('cases.owner_id', 'is', null).where('cases.state', '!=', 'resolved');
      break;
    case 'escalated':
      query = query.where('cases.escalated', '=', true).where('cases.state', '!=', 'resolved');
      break;
    case 'recovery':
      query = query.where('cases.queue', '=', 'recovery').where('cases.state', '!=', 'resolved');
      break;
    case 'at_risk':
      query = query.where((eb) => eb.exists(eb.selectFrom('commitments').select('commitments.id').whereRef('commitments.case_id', '=', 'cases.id').where('commitments.state', '=', 'open').where('commitments.at_risk', '=', true)));
      break;
    case 'breached':
      query = query.where((eb) => eb.exists(eb.selectFrom('commitments').select('commitments.id').whereRef('commitments.case_id', '=', 'cases.id').where('commitments.state', '=', 'breached')));
      break;
    default:
      break;
  }
  if (filter.cursor) {
    const { updatedAt, id } = filter.cursor;
    query = query.where((eb) => eb.or([eb('cases.updated_at', '<', updatedAt), eb.and([eb('cases.updated_at', '=', updatedAt), eb('cases.id', '<', id)])]));
  }
  const rows = await query.orderBy('cases.updated_at', 'desc').orderBy('cases.id', 'desc').limit(filter.limit).execute();
  return rows.map((row) => ({
    ...toCaseRecord(row),
    customerName: row.customer_name,
    ownerName: row.owner_name,
    nextDueAt: row.next_due_at ? new Date(row.next_due_at as unknown as string) : null,
  }));
}
