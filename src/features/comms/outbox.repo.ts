// The only SQL for the outbox: every message Kept sends or holds.
import { sql, type Selectable } from 'kysely';
import type { Queryable } from '../../db/create-db.js';
import type { AuditFinding, OutboxPromise, OutboxStatus, OutboxTable } from '../../db/database.js';
import { newId } from '../../shared/ids.js';

export interface OutboxRecord {
  id: string;
  idempotencyKey: string;
  caseId: string | null;
  customerId: string | null;
  messageId: string | null;
  orderNumber: string | null;
  origin: string;
  channel: string;
  to: string;
  subject: string | null;
  body: string;
  html: string | null;
  reasonCode: string | null;
  status: OutboxStatus;
  audit: { ok: boolean; findings: AuditFinding[] };
  override: { by: string; codes: string[]; note: string; at: string } | null;
  authorId: string | null;
  /** The promises the message made and the commitments that owe them. */
  promises: OutboxPromise[];
  attempts: number;
  lastError: string | null;
  transport: string | null;
  externalId: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

/** An outbox row with its message's text, which it holds instead of its own when `text_from_message`. */
type OutboxRow = Selectable<OutboxTable> & { message_body: string | null; message_html: string | null };

function toOutboxRecord(row: OutboxRow): OutboxRecord {
  return {
    id: row.id,
    idempotencyKey: row.idempotency_key,
    caseId: row.case_id,
    customerId: row.customer_id,
    messageId: row.message_id,
    orderNumber: row.order_number,
    origin: row.origin,
    channel: row.channel,
    to: row.to,
    subject: row.subject,
    body: row.text_from_message ? (row.message_body ?? '') : row.body,
    html: row.text_from_message ? row.message_html : row.html,
    reasonCode: row.reason_code,
    status: row.status,
    audit: row.audit,
    override: row.override,
    authorId: row.author_id,
    promises: row.promises ?? [],
    attempts: row.attempts,
    lastError: row.last_error,
    transport: row.transport,
    externalId: row.external_id,
    createdAt: row.created_at,
    sentAt: row.sent_at,
  };
}

/** The outbox with each entry's message text beside it (joined only for entries that read it there). */
function outboxWithText(q: Queryable) {
  return q
    .selectFrom('outbox')
    .leftJoin('messages', (join) => join.onRef('messages.id', '=', 'outbox.message_id').on('outbox.text_from_message', '=', true))
    .selectAll('outbox')
    .select(['messages.body as message_body', 'messages.html as message_html']);
}

export type NewOutboxEntry = Pick<
  OutboxRecord,
  'idempotencyKey' | 'caseId' | 'customerId' | 'messageId' | 'orderNumber' | 'origin' | 'channel' | 'to' | 'subject' | 'body' | 'html' | 'reasonCode' | 'status' | 'audit' | 'override' | 'authorId'
> & {
  at: Date;
  /** The text the message (`messageId`) was stored with: when it is the entry's, the entry keeps none of its own. */
  messageText?: { body: string; html: string | null } | undefined;
};

/** Inserts an entry once per idempotency key; a repeat returns the entry already there. */
export async function insertOutboxEntry(q: Queryable, entry: NewOutboxEntry): Promise<{ record: OutboxRecord; created: boolean }> {
  const fromMessage = entry.messageId !== null && entry.messageText !== undefined && entry.messageText.body === entry.body && entry.messageText.html === entry.html;
  const row = await q
    .insertInto('outbox')
    .values({
      id: newId('out'),
      idempotency_key: entry.idempotencyKey,
      case_id: entry.caseId,
      customer_id: entry.customerId,
      message_id: entry.messageId,
      order_number: entry.orderNumber,
      origin: entry.origin,
      channel: entry.channel,
      to: entry.to,
      subject: entry.subject,
      body: fromMessage ? '' : entry.body,
      html: fromMessage ? null : entry.html,
      text_from_message: fromMessage,
      reason_code: entry.reasonCode,
      status: entry.status,
      audit: JSON.stringify(entry.audit),
      override: entry.override ? JSON.stringify(entry.override) : null,
      author_id: entry.authorId,
      next_attempt_at: entry.status === 'queued' ? entry.at : null,
      created_at: entry.at,
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (row) return { record: toOutboxRecord({ ...row, message_body: entry.body, message_html: entry.html }), created: true };
  const existing = await outboxWithText(q).where('outbox.idempotency_key', '=', entry.idempotencyKey).executeTakeFirstOrThrow();
  return { record: toOutboxRecord(existing), created: false };
}

export async function findOutboxEntry(q: Queryable, id: string): Promise<OutboxRecord | undefined> {
  const row = await outboxWithText(q).where('outbox.id', '=', id).executeTakeFirst();
  return row && toOutboxRecord(row);
}

export async function findOutboxEntries(q: Queryable, ids: readonly string[]): Promise<Map<string, OutboxRecord>> {
  if (ids.length === 0) return new Map();
  const rows = await outboxWithText(q)
    .where('outbox.id', 'in', [...ids])
    .execute();
  return new Map(rows.map((row) => [row.id, toOutboxRecord(row)]));
}

/** Marks entries sent, each with its transport and the id the transport gave it: one statement. */
export async function markOutboxEntriesSent(q: Queryable, entries: readonly { id: string; transport: string; externalId: string | null; at: Date }[]): Promise<void> {
  if (entries.length === 0) return;
  await sql`
    update outbox set status = 'sent', transport = sent.transport, external_id = sent.external_id, sent_at = sent.at,
      attempts = outbox.attempts + 1, next_attempt_at = null, last_error = null
    from unnest(
      ${entries.map((entry) => entry.id)}::text[],
      ${entries.map((entry) => entry.transport)}::text[],
      ${entries.map((entry) => entry.externalId)}::text[],
      ${entries.map((entry) => entry.at.toISOString())}::timestamptz[]
    ) as sent(id, transport, external_id, at)
    where outbox.id = sent.id`.execute(q);
}

export async function markOutboxAttemptFailed(q: Queryable, options: { id: string; error: string; retryAt: Date | null; at: Date }): Promise<void> {
  await q
    .updateTable('outbox')
    .set((eb) => ({ status: options.retryAt ? 'queued' : 'failed', last_error: options.error, next_attempt_at: options.retryAt, attempts: eb('attempts', '+', 1) }))
    .where('id', '=', options.id)
    .execute();
}

export async function listOutbox(q: Queryable, filter: { customerId?: string | undefined; caseId?: string | undefined; status?: OutboxStatus | undefined; limit: number }): Promise<OutboxRecord[]> {
  let query = outboxWithText(q);
  if (filter.customerId) query = query.where('outbox.customer_id', '=', filter.customerId);
  if (filter.caseId) query = query.where('outbox.case_id', '=', filter.caseId);
  if (filter.status) query = query.where('outbox.status', '=', filter.status);
  const rows = await query.orderBy('outbox.created_at', 'desc').orderBy('outbox.id', 'desc').limit(filter.limit).execute();
  return rows.map(toOutboxRecord);
}

/**
 * Claims queued entries for delivery by moving their next attempt to `leaseUntil`; only one caller (of any
 * process) gets each, so a message is never sent twice. A crash mid-send leaves them due again after the lease.
 */
export async function claimOutboxEntries(q: Queryable, options: { ids: readonly string[]; now: Date; leaseUntil: Date }): Promise<Map<string, OutboxRecord>> {
  if (options.ids.length === 0) return new Map();
  const rows = await q
    .with('claimed', (db) =>
      db
        .updateTable('outbox')
        .set({ next_attempt_at: options.leaseUntil })
        .where('id', 'in', [...options.ids])
        .where('status', '=', 'queued')
        .where('next_attempt_at', '<=', options.now)
        .returningAll(),
    )
    .selectFrom('claimed')
    .leftJoin('messages', (join) => join.onRef('messages.id', '=', 'claimed.message_id').on('claimed.text_from_message', '=', true))
    .selectAll('claimed')
    .select(['messages.body as message_body', 'messages.html as message_html'])
    .execute();
  return new Map(rows.map((row) => [row.id, toOutboxRecord(row)]));
}

/** Records on the entry of a message the promises it made (written once the commitments are opened). */
export async function setOutboxPromises(q: Queryable, options: { messageId: string; promises: readonly OutboxPromise[] }): Promise<void> {
  await q
    .updateTable('outbox')
    .set({ promises: JSON.stringify(options.promises) })
    .where('message_id', '=', options.messageId)
    .execute();
}

/** True when the case already has an entry of this origin since `since` (acknowledgements: one an hour). */
export async function hasOutboxSince(q: Queryable, options: { caseId: string; origin: string; since: Date }): Promise<boolean> {
  const row = await q.selectFrom('outbox').select('id').where('case_id', '=', options.caseId).where('origin', '=', options.origin).where('created_at', '>', options.since).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** How many entries of this origin were written for the customer since `since` (an index range on outbox_customer). */
export async function countOutboxOfCustomerSince(q: Queryable, options: { customerId: string; origin: string; since: Date }): Promise<number> {
  const row = await q
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('customer_id', '=', options.customerId)
    .where('created_at', '>', options.since)
    .where('origin', '=', options.origin)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Whether the customer's address was already sent (or is about to be sent) this very subject and text. */
export async function hasSameMessage(q: Queryable, options: { customerId: string; to: string; subject: string | null; body: string }): Promise<boolean> {
  let query = outboxWithText(q)
    .clearSelect()
    .select('outbox.id')
    .where('outbox.customer_id', '=', options.customerId)
    .where('outbox.to', '=', options.to)
    .where(sql<string>`case when outbox.text_from_message then messages.body else outbox.body end`, '=', options.body)
    .where('outbox.status', 'in', ['queued', 'sent']);
  query = options.subject === null ? query.where('outbox.subject', 'is', null) : query.where('outbox.subject', '=', options.subject);
  return (await query.limit(1).executeTakeFirst()) !== undefined;
}

export async function listQueuedOutbox(q: Queryable, options: { dueBy: Date; limit: number }): Promise<OutboxRecord[]> {
  const rows = await outboxWithText(q).where('outbox.status', '=', 'queued').where('outbox.next_attempt_at', '<=', options.dueBy).orderBy('outbox.next_attempt_at').limit(options.limit).execute();
  return rows.map(toOutboxRecord);
}

/** The JSON shape of SPEC §3 `GET /outbox`. */
export function toOutboxView(record: OutboxRecord) {
  return {
    id: record.id,
    channel: record.channel,
    to: record.to,
    subject: record.subject,
    body: record.body,
    reason_code: record.reasonCode,
    status: record.status,
    audit: record.audit,
    case_id: record.caseId,
    customer_id: record.customerId,
    order_number: record.orderNumber,
    origin: record.origin,
    override: record.override,
    author_id: record.authorId,
    promises: record.promises,
    commitment_ids: record.promises.flatMap((promise) => (promise.commitment?.opened ? [promise.commitment.id] : [])),
    attempts: record.attempts,
    last_error: record.lastError,
    created_at: record.createdAt.toISOString(),
    sent_at: record.sentAt?.toISOString() ?? null,
  };
}

/** What waits in the outbox: queued messages and the oldest of them, and the messages that failed for good since `failedSince`. */
export async function readOutboxBacklog(q: Queryable, options: { failedSince: Date }): Promise<{ queued: number; oldestQueuedAt: Date | null; failed: number }> {
  const queued = await q
    .selectFrom('outbox')
    .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.min('created_at').as('oldest')])
    .where('status', '=', 'queued')
    .executeTakeFirstOrThrow();
  const failed = await q
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('status', '=', 'failed')
    .where('created_at', '>=', options.failedSince)
    .executeTakeFirstOrThrow();
  return { queued: Number(queued.count), oldestQueuedAt: queued.oldest ? new Date(queued.oldest as Date | string) : null, failed: Number(failed.count) };
}
