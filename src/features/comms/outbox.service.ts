// The outbox: every outbound message is written here first (in the transaction that decided to send it),
// then delivered by its channel's transport right after that transaction commits (one after-commit per
// transaction, whoever opened it), and by one sweep for retries and for what other processes queued. Delivery marks the message sent and tells the
// engine; a final failure is recorded and keeps no commitment. The gift rule (crack C6) is enforced here,
// on the one path every message takes: nothing goes to a gift's recipient without the buyer's consent.
import type { Logger } from 'pino';
import type { Db, Queryable, Tx } from '../../db/create-db.js';
import { afterCommit, withTransaction } from '../../db/transaction.js';
import type { AuditFinding, OutboxPromise } from '../../db/database.js';
import type { DomainBus } from '../../domain-events.js';
import type { Clock } from '../../shared/clock.js';
import * as caseRepo from '../cases/index.js';
import * as messageRepo from '../cases/index.js';
import * as orderRepo from '../orders/index.js';
import * as repo from './outbox.repo.js';
import type { MessageTransport } from './transport.js';

export interface OutboxServiceOptions {
  db: Db;
  clock: Clock;
  bus: DomainBus;
  logger: Logger;
  /** Transports by channel; a channel without one is captured. */
  transports: Partial<Record<string, MessageTransport>>;
  fallbackTransport: MessageTransport;
  maxAttempts?: number;
  retryBaseMs?: number;
  /** How long a delivery claim keeps other senders off an entry. */
  claimLeaseMs?: number;
}

/** An entry its transport took, waiting to be recorded as sent. */
interface SentEntry {
  entry: repo.OutboxRecord;
  caseRecord: caseRepo.CaseRecord | undefined;
  transport: string;
  externalId: string | null;
}

/** The finding of a message addressed to a gift's recipient when the buyer has not consented. */
export async function findGiftRecipient(tx: Tx, entry: Pick<repo.NewOutboxEntry, 'to' | 'customerId' | 'orderNumber'>): Promise<AuditFinding | undefined> {
  const to = entry.to.trim().toLowerCase();
  if (!to.includes('@')) return undefined;
  // The customer's gift orders and the named order when it is a gift: the only ones the rule can match.
  const orders = await orderRepo.listGiftOrders(tx, { customerId: entry.customerId, orderNumber: entry.orderNumber });
  const gift = orders.find((order) => !order.giftContactConsent && order.recipientEmail?.toLowerCase() === to);
  if (!gift) return undefined;
  return { code: 'gift_recipient', detail: `${entry.to} is the recipient of gift order ${gift.number} and the buyer has not consented to us contacting them` };
}

export function createOutboxService(options: OutboxServiceOptions) {
  const maxAttempts = options.maxAttempts ?? 5;
  const retryBaseMs = options.retryBaseMs ?? 30_000;
  const claimLeaseMs = options.claimLeaseMs ?? 5 * 60_000;
  // The entries each open transaction queued: delivered together once it commits.
  const queuedIn = new WeakMap<Tx, string[]>();

  function transportFor(channel: string): MessageTransport {
    return options.transports[channel] ?? options.fallbackTransport;
  }

  async function recordFailure(entry: repo.OutboxRecord, error: unknown): Promise<void> {
    const attempts = entry.attempts + 1;
    const at = options.clock.now();
    const retryAt = attempts < maxAttempts ? new Date(at.getTime() + retryBaseMs * 2 ** (attempts - 1)) : null;
    const text = error instanceof Error ? error.message : String(error);
    await withTransaction(options.db, async (tx) => {
      await repo.markOutboxAttemptFailed(tx, { id: entry.id, error: text, retryAt, at });
      if (!retryAt && entry.messageId) {
        await messageRepo.updateMessageStatus(tx, { id: entry.messageId, status: 'failed' });
        const message = await messageRepo.findMessageById(tx, entry.messageId);
        if (message) await options.bus.emit('message.failed', { message, error: text }, tx);
      }
    });
    options.logger.warn({ outbox_id: entry.id, case_id: entry.caseId, attempts, err: error }, retryAt ? 'send failed, will retry' : 'send failed for good');
  }

  /** Marks sent entries and their messages sent in one transaction, and tells the engine of each, in order. */
  async function recordSent(sent: readonly SentEntry[]): Promise<void> {
    if (sent.length === 0) return;
    await withTransaction(options.db, async (tx) => {
      const at = options.clock.now();
      const messageIds = sent.flatMap(({ entry }) => (entry.messageId ? [entry.messageId] : []));
      await repo.markOutboxEntriesSent(
        tx,
        sent.map(({ entry, transport, externalId }) => ({ id: entry.id, transport, externalId, at })),
      );
      await messageRepo.updateMessageStatuses(tx, { ids: messageIds, status: 'sent' });
      const messages = await messageRepo.findMessagesByIds(tx, messageIds);
      await options.bus.emit(
        'batch.started',
        {
          caseIds: [...new Set(sent.flatMap(({ entry }) => (entry.caseId ? [entry.caseId] : [])))],
          orderNumbers: [...new Set([...messages.values()].flatMap((message) => message.orderNumbers))],
        },
        tx,
      );
      for (const { entry, caseRecord } of sent) {
        const message = entry.messageId ? messages.get(entry.messageId) : undefined;
        if (message) await options.bus.emit('message.delivered', { message: { ...message, status: 'sent' }, caseRecord: caseRecord ?? null, at }, tx);
      }
      await options.bus.emit('batch.ending', {}, tx);
    });
    for (const { entry, transport } of sent) options.logger.info({ outbox_id: entry.id, case_id: entry.caseId, channel: entry.channel, transport }, 'message sent');
  }

  /**
   * Claims queued entries, sends them by their channels in order, and records the sent ones together. Should
   * recording them together fail, each is recorded alone, and one that still fails counts as a failed attempt.
   */
  async function deliverMany(candidates: readonly repo.OutboxRecord[]): Promise<void> {
    if (candidates.length === 0) return;
    const now = options.clock.now();
    const claimed = await repo.claimOutboxEntries(options.db, { ids: candidates.map((candidate) => candidate.id), now, leaseUntil: new Date(now.getTime() + claimLeaseMs) });
    const entries = candidates.flatMap((candidate) => claimed.get(candidate.id) ?? []);
    const cases = await caseRepo.findCasesByIds(options.db, [...new Set(entries.flatMap((entry) => (entry.caseId ? [entry.caseId] : [])))]);
    const sent: SentEntry[] = [];
    for (const entry of entries) {
      const caseRecord = entry.caseId ? cases.get(entry.caseId) : undefined;
      const transport = transportFor(entry.channel);
      try {
        const result = await transport.send({
          outboxId: entry.id,
          channel: entry.channel,
          to: entry.to,
          subject: entry.subject,
          body: entry.body,
          html: entry.html,
          caseToken: caseRecord ? `K-${caseRecord.number}` : null,
          inReplyTo: null,
        });
        sent.push({ entry, caseRecord, transport: transport.name, externalId: result.externalId });
      } catch (error) {
        await recordFailure(entry, error);
      }
    }
    try {
      await recordSent(sent);
    } catch {
      for (const one of sent) await recordSent([one]).catch((error: unknown) => recordFailure(one.entry, error));
    }
  }

  /** Delivers every queued entry due by `dueBy` (default now); returns how many were tried. */
  async function deliverDue(limit = 100, dueBy: Date = options.clock.now()): Promise<number> {
    const due = await repo.listQueuedOutbox(options.db, { dueBy, limit });
    await deliverMany(due);
    return due.length;
  }

  let sweeping: Promise<number> = Promise.resolve(0);
  /**
   * The one sweep: retries that fell due and entries other processes queued, by `dueBy` (default now). Calls
   * are serialised; a retry that falls due within the span is tried in the same call (attempts are bounded).
   */
  function deliverQueued(dueBy?: Date): Promise<number> {
    const run = sweeping.then(async () => {
      let total = 0;
      for (let round = 0; round < 50; round += 1) {
        const tried = await deliverDue(100, dueBy ?? options.clock.now());
        total += tried;
        if (tried === 0) break;
      }
      return total;
    });
    sweeping = run.catch(() => 0);
    return run;
  }

  /** Delivers what one transaction queued, right after it committed; a failure is left to the sweep. */
  async function deliverCommitted(ids: readonly string[]): Promise<void> {
    try {
      const found = await repo.findOutboxEntries(options.db, ids);
      await deliverMany(ids.flatMap((id) => (found.get(id)?.status === 'queued' ? [found.get(id)!] : [])));
    } catch (error) {
      options.logger.error({ err: error, outbox_ids: ids }, 'delivery after commit failed; the sweep retries');
    }
  }

  /**
   * Writes an entry inside the caller's transaction. A message to a gift's recipient without the buyer's
   * consent is held with the finding `gift_recipient` (and its message marked held) unless that code is
   * overridden.
   */
  async function enqueue(tx: Tx, entry: repo.NewOutboxEntry): Promise<repo.OutboxRecord> {
    const gift = entry.override?.codes.includes('gift_recipient') ? undefined : await findGiftRecipient(tx, entry);
    const checked: repo.NewOutboxEntry = gift ? { ...entry, status: 'held', audit: { ok: false, findings: [...entry.audit.findings, gift] } } : entry;
    const { record, created } = await repo.insertOutboxEntry(tx, checked);
    if (created && gift && entry.messageId) await messageRepo.updateMessageStatus(tx, { id: entry.messageId, status: 'held' });
    if (created && record.status === 'queued') {
      const ids = queuedIn.get(tx);
      if (ids) ids.push(record.id);
      else {
        const first = [record.id];
        queuedIn.set(tx, first);
        afterCommit(tx, () => deliverCommitted(first));
      }
    }
    return record;
  }

  async function listOutbox(filter: { customerId?: string | undefined; caseId?: string | undefined; status?: repo.OutboxRecord['status'] | undefined; limit?: number | undefined }) {
    return (await repo.listOutbox(options.db, { ...filter, limit: filter.limit ?? 100 })).map(repo.toOutboxView);
  }

  async function findEntry(q: Queryable, id: string): Promise<repo.OutboxRecord | undefined> {
    return repo.findOutboxEntry(q, id);
  }

  /**
   * A channel reported that a message it had delivered bounced: the entry and its message are marked failed
   * (so it keeps no commitment) and `message.failed` is emitted. A second report changes nothing.
   */
  async function markBounced(tx: Tx, input: { outboxId: string; error: string }): Promise<repo.OutboxRecord | undefined> {
    const entry = await repo.findOutboxEntry(tx, input.outboxId);
    if (!entry || entry.status === 'failed') return entry;
    await repo.markOutboxAttemptFailed(tx, { id: entry.id, error: input.error, retryAt: null, at: options.clock.now() });
    if (entry.messageId) {
      await messageRepo.updateMessageStatus(tx, { id: entry.messageId, status: 'failed' });
      const message = await messageRepo.findMessageById(tx, entry.messageId);
      if (message) await options.bus.emit('message.failed', { message, error: input.error }, tx);
    }
    return entry;
  }

  /** Lists on a message's entry the promises it made and the commitments that owe them, inside `tx`. */
  async function recordPromises(tx: Tx, input: { messageId: string; promises: readonly OutboxPromise[] }): Promise<void> {
    if (input.promises.length > 0) await repo.setOutboxPromises(tx, input);
  }

  return { enqueue, deliverDue, deliverQueued, idle: async () => void (await sweeping), listOutbox, findEntry, markBounced, recordPromises };
}

export type OutboxService = ReturnType<typeof createOutboxService>;
