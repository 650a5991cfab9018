// The only SQL for product caveats: the caveat rows of order items, their disclosure and owed information,
// the case view's `caveats` (with the state of the commitments that owe them) and the dashboard's counts.
import { sql, type Expression, type Selectable } from 'kysely';
import type { Queryable } from '../../db/create-db.js';
import { columnsOf, isoTimestamp, jsonArrayOf, timestampOf } from '../../db/json-view.js';
import { newId } from '../../shared/ids.js';
import type { CaveatCounts } from '../reports/report.service.js';
import type { CaveatTables, OrderCaveatsTable } from './caveat.tables.js';

const tables = (q: Queryable) => q.withTables<CaveatTables>();

export interface CaveatRecord {
  id: string;
  orderNumber: string;
  customerId: string | null;
  code: string;
  itemIndex: number;
  text: string;
  soldAt: Date;
  discloseDueAt: Date;
  discloseCommitmentId: string | null;
  disclosedAt: Date | null;
  disclosedBy: string | null;
  keptMessageId: string | null;
  info: { what: string; team: string; dueAt: Date; commitmentId: string | null; providedAt: Date | null; providedBy: string | null } | null;
}

function toCaveatRecord(row: Selectable<OrderCaveatsTable>): CaveatRecord {
  return {
    id: row.id,
    orderNumber: row.order_number,
    customerId: row.customer_id,
    code: row.code,
    itemIndex: row.item_index,
    text: row.text,
    soldAt: row.sold_at,
    discloseDueAt: row.disclose_due_at,
    discloseCommitmentId: row.disclose_commitment_id,
    disclosedAt: row.disclosed_at,
    disclosedBy: row.disclosed_by,
    keptMessageId: row.kept_message_id,
    info:
      row.info_what && row.info_team && row.info_due_at
        ? { what: row.info_what, team: row.info_team, dueAt: row.info_due_at, commitmentId: row.info_commitment_id, providedAt: row.info_provided_at, providedBy: row.info_provided_by }
        : null,
  };
}

export type NewCaveat = Pick<CaveatRecord, 'orderNumber' | 'customerId' | 'code' | 'itemIndex' | 'text' | 'soldAt' | 'discloseDueAt'> & {
  info: { what: string; team: string; dueAt: Date } | null;
};

/** Inserts the caveats not recorded before (an event seen again adds nothing); returns those inserted. */
export async function insertCaveats(q: Queryable, caveats: readonly NewCaveat[]): Promise<CaveatRecord[]> {
  if (caveats.length === 0) return [];
  const rows = await tables(q)
    .insertInto('order_caveats')
    .values(
      caveats.map((caveat) => ({
        id: newId('cav'),
        order_number: caveat.orderNumber,
        customer_id: caveat.customerId,
        code: caveat.code,
        item_index: caveat.itemIndex,
        text: caveat.text,
        sold_at: caveat.soldAt,
        disclose_due_at: caveat.discloseDueAt,
        info_what: caveat.info?.what ?? null,
        info_team: caveat.info?.team ?? null,
        info_due_at: caveat.info?.dueAt ?? null,
      })),
    )
    .onConflict((conflict) => conflict.columns(['order_number', 'item_index', 'code']).doNothing())
    .returningAll()
    .execute();
  return rows.map(toCaveatRecord);
}

export async function setCaveatCommitments(q: Queryable, input: { id: string; discloseCommitmentId: string | null; infoCommitmentId: string | null }): Promise<void> {
  await tables(q).updateTable('order_caveats').set({ disclose_commitment_id: input.discloseCommitmentId, info_commitment_id: input.infoCommitmentId }).where('id', '=', input.id).execute();
}

export async function findCaveatByDiscloseCommitment(q: Queryable, commitmentId: string): Promise<CaveatRecord | undefined> {
  const row = await tables(q).selectFrom('order_caveats').selectAll().where('disclose_commitment_id', '=', commitmentId).executeTakeFirst();
  return row && toCaveatRecord(row);
}

export async function setKeptMessage(q: Queryable, input: { id: string; messageId: string }): Promise<void> {
  await tables(q).updateTable('order_caveats').set({ kept_message_id: input.messageId }).where('id', '=', input.id).execute();
}

/** The caveats of these orders still owing a disclosure or information. */
export async function listOwingCaveatsOfOrders(q: Queryable, orderNumbers: readonly string[]): Promise<CaveatRecord[]> {
  if (orderNumbers.length === 0) return [];
  const rows = await tables(q)
    .selectFrom('order_caveats')
    .selectAll()
    .where('order_number', 'in', [...orderNumbers])
    .where((eb) => eb.or([eb('disclosed_at', 'is', null), eb.and([eb('info_what', 'is not', null), eb('info_provided_at', 'is', null)])]))
    .orderBy('id')
    .execute();
  return rows.map(toCaveatRecord);
}

export async function listCaveatsOfOrder(q: Queryable, orderNumber: string): Promise<CaveatRecord[]> {
  const rows = await tables(q).selectFrom('order_caveats').selectAll().where('order_number', '=', orderNumber).orderBy('item_index').orderBy('code').execute();
  return rows.map(toCaveatRecord);
}

/** Marks a disclosure made, once; returns whether this call made it. */
export async function markDisclosed(q: Queryable, input: { id: string; by: string; at: Date }): Promise<boolean> {
  const rows = await tables(q)
    .updateTable('order_caveats')
    .set({ disclosed_at: input.at, disclosed_by: input.by })
    .where('id', '=', input.id)
    .where('disclosed_at', 'is', null)
    .returning('id')
    .execute();
  return rows.length > 0;
}

/** Marks the owed information delivered, once; returns whether this call did. */
export async function markInfoProvided(q: Queryable, input: { id: string; by: string; at: Date }): Promise<boolean> {
  const rows = await tables(q)
    .updateTable('order_caveats')
    .set({ info_provided_at: input.at, info_provided_by: input.by })
    .where('id', '=', input.id)
    .where('info_provided_at', 'is', null)
    .returning('id')
    .execute();
  return rows.length > 0;
}

/**
 * The case JSON's `caveats`: every caveat of the case customer's orders, with its disclosure and owed
 * information and the state of the commitment that owes each (read here, written by the engine).
 */
export function selectCaveatViewsOfCase(q: Queryable, caseId: Expression<string>) {
  const rows = sql`(select oc.*, dc.state as disclose_state, ic.state as info_state
    from order_caveats oc
    left join commitments dc on dc.id = oc.disclose_commitment_id
    left join commitments ic on ic.id = oc.info_commitment_id
    where oc.customer_id = (select kc.customer_id from cases kc where kc.id = ${caseId}))`;
  return jsonArrayOf({
    rows,
    alias: 'v',
    columns: columnsOf('v', [
      'id',
      'order_number',
      'code',
      'text',
      timestampOf('v', 'sold_at'),
      [
        'disclosure',
        sql`json_build_object('state', v.disclose_state, 'due_at', ${isoTimestamp('v.disclose_due_at')}, 'disclosed_at', ${isoTimestamp('v.disclosed_at')}, 'by', v.disclosed_by, 'commitment_id', v.disclose_commitment_id)`,
      ],
      [
        'info',
        sql`case when v.info_what is null then null else json_build_object('what', v.info_what, 'team', v.info_team, 'state', v.info_state, 'due_at', ${isoTimestamp('v.info_due_at')}, 'provided_at', ${isoTimestamp('v.info_provided_at')}, 'commitment_id', v.info_commitment_id) end`,
      ],
    ]),
    orderBy: ['sold_at', 'id'],
  });
}

/** The dashboard's caveat counts over orders sold in [from, to); late includes overdue and not done. */
export async function countCaveats(q: Queryable, input: { from: Date; to: Date; now: Date }): Promise<CaveatCounts> {
  const { rows } = await sql<Record<keyof CaveatCounts, string | number>>`
    select count(distinct order_number) as orders,
      count(*) filter (where disclosed_at <= disclose_due_at) as disclosed_in_time,
      count(*) filter (where disclosed_at > disclose_due_at or (disclosed_at is null and disclose_due_at <= ${input.now})) as disclosed_late,
      count(*) filter (where disclosed_at is null and disclose_due_at > ${input.now}) as disclosure_pending,
      count(*) filter (where info_what is not null and info_provided_at <= info_due_at) as info_in_time,
      count(*) filter (where info_what is not null and (info_provided_at > info_due_at or (info_provided_at is null and info_due_at <= ${input.now}))) as info_late,
      count(*) filter (where info_what is not null and info_provided_at is null and info_due_at > ${input.now}) as info_pending
    from order_caveats where sold_at >= ${input.from} and sold_at < ${input.to}`.execute(q);
  const row = rows[0];
  const read = (key: keyof CaveatCounts) => Number(row?.[key] ?? 0);
  return {
    orders: read('orders'),
    disclosed_in_time: read('disclosed_in_time'),
    disclosed_late: read('disclosed_late'),
    disclosure_pending: read('disclosure_pending'),
    info_in_time: read('info_in_time'),
    info_late: read('info_late'),
    info_pending: read('info_pending'),
  };
}
