// The only SQL for messages in and out of cases.
import type { Expression, Selectable } from 'kysely';
import type { Queryable } from '../../db/create-db.js';
import type { AuthorKind, MessageDirection, MessagesTable } from '../../db/database.js';
import { columnsOf, jsonArrayOf, timestampOf } from '../../db/json-view.js';
import { newId } from '../../shared/ids.js';

export interface MessageRecord {
  id: string;
  caseId: string | null;
  customerId: string | null;
  direction: MessageDirection;
  channel: string;
  authorKind: AuthorKind;
  authorId: string | null;
  subject: string | null;
  body: string;
  html: string | null;
  threadRef: string | null;
  externalId: string | null;
  eventId: string | null;
  orderNumbers: string[];
  noise: string | null;
  status: string;
  at: Date;
}

function toMessageRecord(row: Selectable<MessagesTable>): MessageRecord {
  return {
    id: row.id,
    caseId: row.case_id,
    customerId: row.customer_id,
    direction: row.direction,
    channel: row.channel,
    authorKind: row.author_kind,
    authorId: row.author_id,
    subject: row.subject,
    body: row.body,
    html: row.html,
    threadRef: row.thread_ref,
    externalId: row.external_id,
    eventId: row.event_id,
    orderNumbers: row.order_numbers,
    noise: row.noise,
    status: row.status,
    at: row.at,
  };
}

export type NewMessage = Omit<MessageRecord, 'id'> & { id?: string };

export async function insertMessage(q: Queryable, message: NewMessage): Promise<MessageRecord> {
  const id = message.id ?? newId('msg');
  await q
    .insertInto('messages')
    .values({
      id,
      case_id: message.caseId,
      customer_id: message.customerId,
      direction: message.direction,
      channel: message.channel,
      author_kind: message.authorKind,
      author_id: message.authorId,
      subject: message.subject,
      body: message.body,
      html: message.html,
      thread_ref: message.threadRef,
      external_id: message.externalId,
      event_id: message.eventId,
      order_numbers: JSON.stringify(message.orderNumbers),
      noise: message.noise,
      status: message.status,
      at: message.at,
    })
    .execute();
  return { ...message, id };
}

export async function listMessagesOfCase(q: Queryable, caseId: string): Promise<MessageRecord[]> {
  const rows = await q.selectFrom('messages').selectAll().where('case_id', '=', caseId).orderBy('at').orderBy('id').execute();
  return rows.map(toMessageRecord);
}

/**
 * The case's messages as JSON, each as toMessageView writes it (the same fields in the same order), in the
 * order listMessagesOfCase gives: a subquery for the case read. case-view.test compares the two byte for byte.
 */
export function selectMessageViewsOfCase(q: Queryable, caseId: Expression<string>) {
  return jsonArrayOf({
    rows: q.selectFrom('messages').selectAll().where('case_id', '=', caseId),
    alias: 'm',
    columns: columnsOf('m', ['id', 'direction', 'channel', 'author_kind', 'author_id', 'subject', 'body', 'thread_ref', 'order_numbers', 'noise', 'status', timestampOf('m', 'at')]),
    orderBy: ['at', 'id'],
  });
}

export async function listMessagesOfCustomer(q: Queryable, customerId: string): Promise<MessageRecord[]> {
  const rows = await q.selectFrom('messages').selectAll().where('customer_id', '=', customerId).orderBy('at').orderBy('id').execute();
  return rows.map(toMessageRecord);
}

// The case of the latest message with this reference or external id. The thread's messages are found first,
// by the two indexes, and only then ordered: asked for the latest directly, the planner walked every message
// newest first (the `messages_at` index) looking for one of the thread's, which read the whole table for a new
// thread (20 ms at 200,000 events, and growing with the store).
function threadCaseQuery(q: Queryable, threadRef: string) {
  return q
    .with(
      (cte) => cte('thread').materialized(),
      (db) =>
        db
          .selectFrom('messages')
          .select(['case_id', 'at', 'id'])
          .where((eb) => eb.or([eb('thread_ref', '=', threadRef), eb('external_id', '=', threadRef)]))
          .where('case_id', 'is not', null),
    )
    .selectFrom('thread')
    .select('case_id')
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(1);
}

/** The case a thread reference (a conversation id of the source system, or a Message-ID) belongs to. */
export async function findCaseIdByThreadRef(q: Queryable, threadRef: string): Promise<string | undefined> {
  const row = await threadCaseQuery(q, threadRef).executeTakeFirst();
  return row?.case_id ?? undefined;
}

/** The same as a scalar subquery, for a statement that reads the case with it. */
export function selectCaseIdOfThread(q: Queryable, threadRef: string): Expression<string | null> {
  return threadCaseQuery(q, threadRef).$asScalar();
}

/** The case (and its customer) each of these thread references or external ids belongs to, as `findCaseIdByThreadRef` finds it. */
export async function listThreadCases(q: Queryable, threadRefs: readonly string[]): Promise<Map<string, { caseId: string; customerId: string }>> {
  if (threadRefs.length === 0) return new Map();
  const refs = [...threadRefs];
  const rows = await q
    .selectFrom('messages')
    .innerJoin('cases', 'cases.id', 'messages.case_id')
    .select(['messages.thread_ref', 'messages.external_id', 'cases.id as case_id', 'cases.customer_id'])
    .where((eb) => eb.or([eb('messages.thread_ref', 'in', refs), eb('messages.external_id', 'in', refs)]))
    .orderBy('messages.at')
    .orderBy('messages.id')
    .execute();
  const wanted = new Set(refs);
  const cases = new Map<string, { caseId: string; customerId: string }>();
  // Later messages win, as findCaseIdByThreadRef takes the latest.
  for (const row of rows) for (const ref of [row.thread_ref, row.external_id]) if (ref && wanted.has(ref)) cases.set(ref, { caseId: row.case_id, customerId: row.customer_id });
  return cases;
}

export async function updateMessageStatus(q: Queryable, options: { id: string; status: string }): Promise<void> {
  await q.updateTable('messages').set({ status: options.status }).where('id', '=', options.id).execute();
}

export async function updateMessageStatuses(q: Queryable, options: { ids: readonly string[]; status: string }): Promise<void> {
  if (options.ids.length === 0) return;
  await q
    .updateTable('messages')
    .set({ status: options.status })
    .where('id', 'in', [...options.ids])
    .execute();
}

export async function findMessagesByIds(q: Queryable, ids: readonly string[]): Promise<Map<string, MessageRecord>> {
  if (ids.length === 0) return new Map();
  const rows = await q
    .selectFrom('messages')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((row) => [row.id, toMessageRecord(row)]));
}

export async function findMessageById(q: Queryable, id: string): Promise<MessageRecord | undefined> {
  const row = await q.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toMessageRecord(row);
}

/** A message already stored under this external id (an email's Message-ID), for de-duplication. */
export async function findMessageByExternalId(q: Queryable, options: { externalId: string; direction: MessageDirection }): Promise<MessageRecord | undefined> {
  const row = await q.selectFrom('messages').selectAll().where('external_id', '=', options.externalId).where('direction', '=', options.direction).limit(1).executeTakeFirst();
  return row && toMessageRecord(row);
}

/**
 * An inbound message already stored with this Message-ID and the same content: a true repeat. Senders do
 * reuse a Message-ID for different messages; those are kept.
 */
export async function findInboundRepeat(q: Queryable, options: { externalId: string; subject: string | null; body: string }): Promise<MessageRecord | undefined> {
  const row = await q
    .selectFrom('messages')
    .selectAll()
    .where('external_id', '=', options.externalId)
    .where('direction', '=', 'in')
    .where('body', '=', options.body)
    .where((eb) => (options.subject === null ? eb('subject', 'is', null) : eb('subject', '=', options.subject)))
    .limit(1)
    .executeTakeFirst();
  return row && toMessageRecord(row);
}

/** External ids (Message-IDs) of a case's messages from the customer on one channel, newest first. */
export async function listInboundExternalIds(q: Queryable, options: { caseId: string; channel: string; limit: number }): Promise<string[]> {
  const rows = await q
    .selectFrom('messages')
    .select('external_id')
    .where('case_id', '=', options.caseId)
    .where('direction', '=', 'in')
    .where('channel', '=', options.channel)
    .where('external_id', 'is not', null)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(options.limit)
    .execute();
  return rows.map((row) => row.external_id!);
}
