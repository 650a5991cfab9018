// The only SQL for cases.
import { sql, type Expression, type Selectable } from 'kysely';
import type { Queryable } from '../../db/create-db.js';
import { columnsOf, jsonObjectOf, timestampOf } from '../../db/json-view.js';
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

export async function insertCase(
  q: Queryable,
  input: { customerId: string; subject: string; channel: string; orderNumber: string | null; kind?: string; ownerId?: string | null; queue?: string | null; at: Date },
): Promise<CaseRecord> {
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
      ...(input.queue ? { queue: input.queue } : {}),
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

/** A field of the case JSON from another table: a JSON subquery (of its own repo) correlated on the case's id. */
export interface CaseViewPartSelect {
  field: string;
  select: (q: Queryable, caseId: Expression<string>) => Expression<unknown>;
}

/**
 * A reader of the case JSON (CaseView, case-view.ts) as the database writes it, parts and all, in one
 * statement: one round trip, every part from the same snapshot, and no JSON for Node to parse. The fields
 * are in CaseView's order; a part takes the place of the field it names (`documents` is empty without one)
 * or comes after them. The statement is built and compiled once; each read only binds the id. Its one
 * column is text, so it can stay prepared on PostgreSQL whatever columns the tables gain.
 */
export function createCaseViewReader(q: Queryable, options: { parts: readonly CaseViewPartSelect[]; publicUrl: string }): (q: Queryable, id: string) => Promise<string | undefined> {
  const caseId = sql.ref<string>('c.id');
  const own = columnsOf('c', [
    'id',
    'number',
    // caseToken() in case.service.ts.
    ['token', sql`'K-' || ${sql.ref('c.number')}`],
    'customer_id',
    'state',
    'owner_id',
    'subject',
    'channels',
    'order_number',
    'kind',
    'queue',
    'escalated',
    'flagged',
    [
      'risk',
      jsonObjectOf(
        columnsOf('c', [
          ['score', sql.ref('c.risk_score')],
          ['signals', sql.ref('c.risk_signals')],
        ]),
      ),
    ],
    ['messages', sql`'[]'::json`],
    ['commitments', sql`'[]'::json`],
    ['documents', sql`'[]'::json`],
    ['status_url', sql`${`${options.publicUrl.replace(/\/$/, '')}/status/`} || ${sql.ref('c.status_token')}`],
    timestampOf('c', 'created_at'),
    timestampOf('c', 'updated_at'),
    timestampOf('c', 'resolved_at'),
  ]);
  const fields = new Map<string, Expression<unknown>>(own);
  for (const part of options.parts) fields.set(part.field, part.select(q, caseId));
  const statement = preparedWithParameter((id) =>
    q
      .selectFrom(
        q
          .selectFrom('cases as c')
          .select([...fields].map(([field, value]) => sql`${value}`.as(field)))
          .where('c.id', '=', id)
          .as('v'),
      )
      .select(sql<string>`row_to_json(v)::text`.as('body')),
  );
  return async (reader, id) => {
    const [row] = (await reader.executeQuery<{ body: string }>(statement(id))).rows;
    return row?.body;
  };
}

export async function findCasesByIds(q: Queryable, ids: readonly string[]): Promise<Map<string, CaseRecord>> {
  if (ids.length === 0) return new Map();
  const rows = await q
    .selectFrom('cases')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
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
  const rows = await q.selectFrom('cases').selectAll().where('customer_id', '=', customerId).where('state', '!=', 'resolved').orderBy('updated_at', 'desc').orderBy('id', 'desc').execute();
  return rows.map(toCaseRecord);
}

/** The unresolved cases of these customers, with the order each names. */
export async function listOpenCasesOfCustomers(q: Queryable, customerIds: readonly string[]): Promise<{ id: string; customerId: string; orderNumber: string | null }[]> {
  if (customerIds.length === 0) return [];
  const rows = await q
    .selectFrom('cases')
    .select(['id', 'customer_id', 'order_number'])
    .where('customer_id', 'in', [...customerIds])
    .where('state', '!=', 'resolved')
    // In creation order: a customer's open cases are weighed in this order when a contact is routed.
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({ id: row.id, customerId: row.customer_id, orderNumber: row.order_number }));
}

export async function listCasesOfCustomer(q: Queryable, customerId: string): Promise<CaseRecord[]> {
  const rows = await q.selectFrom('cases').selectAll().where('customer_id', '=', customerId).orderBy('created_at').orderBy('id').execute();
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

export type CaseQueue = 'mine' | 'unassigned' | 'at_risk' | 'escalated' | 'breached' | 'recovery' | 'automatic';

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
      // Automatic mail (newsletters, notifications) waits in its own low-priority queue, not among customers.
      query = query
        .where('cases.owner_id', 'is', null)
        .where('cases.state', '!=', 'resolved')
        .where((eb) => eb.or([eb('cases.queue', 'is', null), eb('cases.queue', '!=', 'automatic')]));
      break;
    case 'automatic':
      query = query.where('cases.queue', '=', 'automatic').where('cases.state', '!=', 'resolved');
      break;
    case 'escalated':
      query = query.where('cases.escalated', '=', true).where('cases.state', '!=', 'resolved');
      break;
    case 'recovery':
      query = query.where('cases.queue', '=', 'recovery').where('cases.state', '!=', 'resolved');
      break;
    case 'at_risk':
      query = query.where((eb) =>
        eb.exists(
          eb.selectFrom('commitments').select('commitments.id').whereRef('commitments.case_id', '=', 'cases.id').where('commitments.state', '=', 'open').where('commitments.at_risk', '=', true),
        ),
      );
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
