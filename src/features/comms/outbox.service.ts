// The outbox: every outbound message is written here first (in the transaction that decided to send it),
// then delivered by its channel's transport with retries. Delivery marks the message sent and tells the
// engine; a final failure is recorded and keeps no commitment. The gift rule (crack C6) is enforced here,
// on the one path every message takes: nothing goes to a gift's recipient without the buyer's consent.
import type { Logger } from 'pino';
import type { Db, Queryable, Tx } from '../../db/create-db.js';
import type { AuditFinding, OutboxPromise } from '../../db/database.js';
import type { DomainBus } from '../../domain-events.js';
import type { Clock } from '../../shared/clock.js';
import * as caseRepo from '../cases/case.repo.js';
import * as messageRepo from '../cases/message.repo.js';
import * as orderRepo from '../orders/order.repo.js';
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

/** The finding of a message addressed to a gift's recipient when the buyer has not consented. */
export async function findGiftRecipient(tx: Tx, entry: Pick<repo.NewOutboxEntry, 'to' | 'customerId' | 'orderNumber'>): Promise<AuditFinding | undefined> {
  const to = entry.to.trim().toLowerCase();
  if (!to.includes('@')) return undefined;
  const orders = entry.customerId ? await orderRepo.listOrdersOfCustomer(tx, entry.customerId) : [];
  if (entry.orderNumber && !orders.some((order) => order.number === entry.orderNumber)) {
    const named = await orderRepo.findOrderByNumber(tx, entry.orderNumber);
    if (named) orders.push(named);
  }
  const gift = orders.find((order) => order.isGift && !order.giftContactConsent && order.recipientEmail?.toLowerCase() === to);
  if (!gift) return undefined;
  return { code: 'gift_recipient', detail: `${entry.to} is the recipient of gift order ${gift.number} and the buyer has not consented to us contacting them` };
}

export function createOutboxService(options: OutboxServiceOptions) {
  const maxAttempts = options.maxAttempts ?? 5;
  const retryBaseMs = options.retryBaseMs ?? 30_000;
  const claimLeaseMs = options.claimLeaseMs ?? 5 * 60_000;
  // Entries this process queued and has not delivered yet, with when (real time) they were queued. One not
  // found may belong to a transaction still open, so it is kept a while; one rolled back is dropped later.
  const pending = new Map<string, number>();
  const forgetPendingAfterMs = 10 * 60_000;

  function transportFor(channel: string): MessageTransport {
    return options.transports[channel] ?? options.fallbackTransport;
  }

  async function deliverOne(candidate: repo.OutboxRecord): Promise<void> {
    const now = options.clock.now();
    const entry = await repo.claimOutboxEntry(options.db, { id: candidate.id, now, leaseUntil: new Date(now.getTime() + claimLeaseMs) });
    if (!entry) return;
    const caseRecord = entry.caseId ? await caseRepo.findCaseById(options.db, entry.caseId) : undefined;
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
      await options.db.transaction().execute(async (tx) => {
        const at = options.clock.now();
        await repo.markOutboxSent(tx, { id: entry.id, transport: transport.name, externalId: result.externalId, at });
        if (entry.messageId) {
          await messageRepo.updateMessageStatus(tx, { id: entry.messageId, status: 'sent' });
          const message = await messageRepo.findMessageById(tx, entry.messageId);
          if (message) await options.bus.emit('message.delivered', { tx, message: { ...message, status: 'sent' }, caseRecord: caseRecord ?? null });
        }
      });
      options.logger.info({ outbox_id: entry.id, case_id: entry.caseId, channel: entry.channel, transport: transport.name }, 'message sent');
    } catch (error) {
      const attempts = entry.attempts + 1;
      const at = options.clock.now();
      const retryAt = attempts < maxAttempts ? new Date(at.getTime() + retryBaseMs * 2 ** (attempts - 1)) : null;
      const text = error instanceof Error ? error.message : String(error);
      await options.db.transaction().execute(async (tx) => {
        await repo.markOutboxAttemptFailed(tx, { id: entry.id, error: text, retryAt, at });
        if (!retryAt && entry.messageId) {
          await messageRepo.updateMessageStatus(tx, { id: entry.messageId, status: 'failed' });
          const message = await messageRepo.findMessageById(tx, entry.messageId);
          if (message) await options.bus.emit('message.failed', { tx, message, error: text });
        }
      });
      options.logger.warn({ outbox_id: entry.id, case_id: entry.caseId, attempts, err: error }, retryAt ? 'send failed, will retry' : 'send failed for good');
    }
  }

  /** Delivers every queued entry due by `dueBy` (default now); returns how many were tried. */
  async function deliverDue(limit = 100, dueBy: Date = options.clock.now()): Promise<number> {
    const due = await repo.listQueuedOutbox(options.db, { dueBy, limit });
    for (const entry of due) await deliverOne(entry);
    return due.length;
  }

  async function deliverById(id: string): Promise<void> {
    const entry = await repo.findOutboxEntry(options.db, id);
    if (entry?.status === 'queued') await deliverOne(entry);
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
    if (created && record.status === 'queued') pending.set(record.id, Date.now());
    return record;
  }

  /**
   * Delivers what was queued, after the transaction that queued it has committed. Cheap when nothing was
   * queued since the last call; claims make concurrent calls safe.
   */
  async function deliverPending(): Promise<number> {
    let delivered = 0;
    for (const [id, queuedAt] of [...pending]) {
      const entry = await repo.findOutboxEntry(options.db, id);
      if (!entry) {
        if (Date.now() - queuedAt > forgetPendingAfterMs) pending.delete(id);
        continue;
      }
      pending.delete(id);
      if (entry.status === 'queued') {
        await deliverOne(entry);
        delivered += 1;
      }
    }
    return delivered;
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
      if (message) await options.bus.emit('message.failed', { tx, message, error: input.error });
    }
    return entry;
  }

  /** Lists on a message's entry the promises it made and the commitments that owe them, inside `tx`. */
  async function recordPromises(tx: Tx, input: { messageId: string; promises: readonly OutboxPromise[] }): Promise<void> {
    if (input.promises.length > 0) await repo.setOutboxPromises(tx, input);
  }

  return { enqueue, deliverDue, deliverById, deliverPending, listOutbox, findEntry, markBounced, recordPromises };
}

export type OutboxService = ReturnType<typeof createOutboxService>;
