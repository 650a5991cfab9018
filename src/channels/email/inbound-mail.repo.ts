// The only SQL for raw inbound mail and IMAP cursors: the store behind the channel's ports.
import type { Selectable } from 'kysely';
import type { Queryable } from '../../db/create-db.js';
import type { InboundMailTable } from '../../db/database.js';
import type { ImapCursor, MailEnvelope } from './mail-ports.js';

export interface InboundMailRecord {
  id: string;
  raw: Buffer;
  envelope: MailEnvelope;
  source: string;
  state: InboundMailTable['state'];
  error: string | null;
  attempts: number;
  receivedAt: Date;
  processedAt: Date | null;
}

function toInboundMailRecord(row: Selectable<InboundMailTable>): InboundMailRecord {
  return {
    id: row.id,
    raw: Buffer.from(row.raw),
    envelope: row.envelope as unknown as MailEnvelope,
    source: row.source,
    state: row.state,
    error: row.error,
    attempts: row.attempts,
    receivedAt: row.received_at,
    processedAt: row.processed_at,
  };
}

/** Stores a raw message once per dedup key; a repeat returns the id already there. */
export async function insertRawMail(q: Queryable, input: { id: string; raw: Buffer; envelope: MailEnvelope; dedupKey: string; receivedAt: Date }): Promise<{ id: string; created: boolean }> {
  const row = await q
    .insertInto('inbound_mail')
    .values({
      id: input.id,
      raw: input.raw,
      envelope: JSON.stringify(input.envelope),
      source: input.envelope.source,
      state: 'pending',
      error: null,
      received_at: input.receivedAt,
      processed_at: null,
      dedup_key: input.dedupKey,
    })
    .onConflict((oc) => oc.column('dedup_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (row) return { id: row.id, created: true };
  const existing = await q.selectFrom('inbound_mail').select('id').where('dedup_key', '=', input.dedupKey).executeTakeFirstOrThrow();
  return { id: existing.id, created: false };
}

export async function listPendingMailIds(q: Queryable, limit: number): Promise<string[]> {
  const rows = await q.selectFrom('inbound_mail').select('id').where('state', '=', 'pending').orderBy('received_at').orderBy('id').limit(limit).execute();
  return rows.map((row) => row.id);
}

export async function findInboundMail(q: Queryable, id: string): Promise<InboundMailRecord | undefined> {
  const row = await q.selectFrom('inbound_mail').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toInboundMailRecord(row);
}

/** Locks a pending row for this transaction; undefined when another worker holds it or it is done. */
export async function claimPendingMail(q: Queryable, id: string): Promise<boolean> {
  const row = await q.selectFrom('inbound_mail').select('id').where('id', '=', id).where('state', '=', 'pending').forUpdate().skipLocked().executeTakeFirst();
  return row !== undefined;
}

export async function markMailProcessed(q: Queryable, options: { id: string; at: Date; note?: string | null }): Promise<void> {
  await q
    .updateTable('inbound_mail')
    .set((eb) => ({ state: 'processed', processed_at: options.at, error: options.note ?? null, attempts: eb('attempts', '+', 1) }))
    .where('id', '=', options.id)
    .execute();
}

export async function markMailQuarantined(q: Queryable, options: { id: string; error: string; at: Date }): Promise<void> {
  await q
    .updateTable('inbound_mail')
    .set((eb) => ({ state: 'quarantined', processed_at: options.at, error: options.error, attempts: eb('attempts', '+', 1) }))
    .where('id', '=', options.id)
    .execute();
}

/** Counts a failed attempt; past `maxAttempts` the row goes to quarantine so it never blocks the rest. */
export async function recordMailAttemptFailed(q: Queryable, options: { id: string; error: string; maxAttempts: number; at: Date }): Promise<void> {
  const row = await q.selectFrom('inbound_mail').select('attempts').where('id', '=', options.id).executeTakeFirst();
  const attempts = (row?.attempts ?? 0) + 1;
  const quarantine = attempts >= options.maxAttempts;
  await q
    .updateTable('inbound_mail')
    .set({ attempts, error: options.error, state: quarantine ? 'quarantined' : 'pending', processed_at: quarantine ? options.at : null })
    .where('id', '=', options.id)
    .execute();
}

export interface QuarantinedMail {
  id: string;
  source: string;
  error: string | null;
  attempts: number;
  bytes: number;
  receivedAt: Date;
  envelope: MailEnvelope;
}

export async function listQuarantinedMail(q: Queryable, limit: number): Promise<QuarantinedMail[]> {
  const rows = await q
    .selectFrom('inbound_mail')
    .select((eb) => ['id', 'source', 'error', 'attempts', 'received_at', 'envelope', eb.fn<number>('octet_length', ['raw']).as('bytes')])
    .where('state', '=', 'quarantined')
    .orderBy('received_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    source: row.source,
    error: row.error,
    attempts: row.attempts,
    bytes: Number(row.bytes),
    receivedAt: row.received_at,
    envelope: row.envelope as unknown as MailEnvelope,
  }));
}

/** Puts a quarantined message back in the queue; false when there is no such quarantined message. */
export async function requeueQuarantinedMail(q: Queryable, id: string): Promise<boolean> {
  const result = await q.updateTable('inbound_mail').set({ state: 'pending', processed_at: null }).where('id', '=', id).where('state', '=', 'quarantined').executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function countMailByState(q: Queryable): Promise<Record<InboundMailTable['state'], number>> {
  const rows = await q
    .selectFrom('inbound_mail')
    .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('state')
    .execute();
  const counts = { pending: 0, processed: 0, quarantined: 0 };
  for (const row of rows) counts[row.state] = Number(row.n);
  return counts;
}

export async function loadImapCursor(q: Queryable, mailbox: string): Promise<ImapCursor | null> {
  const row = await q.selectFrom('imap_cursors').selectAll().where('mailbox', '=', mailbox).executeTakeFirst();
  return row ? { uidValidity: BigInt(row.uid_validity), lastUid: Number(row.last_uid) } : null;
}

export async function saveImapCursor(q: Queryable, options: { mailbox: string; cursor: ImapCursor; at: Date }): Promise<void> {
  const values = { uid_validity: options.cursor.uidValidity.toString(), last_uid: options.cursor.lastUid, updated_at: options.at };
  await q
    .insertInto('imap_cursors')
    .values({ mailbox: options.mailbox, ...values })
    .onConflict((oc) => oc.column('mailbox').doUpdateSet(values))
    .execute();
}

/** Inbound mail by state that still needs something: waiting for the worker, or quarantined for a person. */
export async function countUnfinishedMail(q: Queryable): Promise<{ pending: number; quarantined: number }> {
  const rows = await q
    .selectFrom('inbound_mail')
    .select((eb) => ['state', eb.fn.countAll<number>().as('count')])
    .where('state', 'in', ['pending', 'quarantined'])
    .groupBy('state')
    .execute();
  const count = (state: string) => Number(rows.find((row) => row.state === state)?.count ?? 0);
  return { pending: count('pending'), quarantined: count('quarantined') };
}
