// The intake worker: turns stored raw mail into messages on cases. Each row is handled in its own
// transaction, so one bad message goes to quarantine and never holds up the others.
import type { Db, Tx } from '../../db/create-db.js';
import { withTransaction } from '../../db/transaction.js';
import type { Clock } from '../../shared/clock.js';
import type { CaseService } from '../../features/cases/case.service.js';
import type { OutboxService } from '../../features/comms/outbox.service.js';
import { resolveCustomer, type CustomerService } from '../../features/customers/customer.service.js';
import * as messageRepo from '../../features/cases/index.js';
import { filesNotKept, inboundBody, storeInboundAttachments } from './inbound-attachments.js';
import type { MailLogger } from './mail-ports.js';
import type { ParsedEmail } from './parsed-email.js';
import { prepareInbound, type PrepareInboundOptions } from './prepare-inbound.js';
import * as repo from './inbound-mail.repo.js';

export interface IntakeWorkerOptions {
  db: Db;
  clock: Clock;
  cases: CaseService;
  outbox: OutboxService;
  customers: CustomerService;
  logger: MailLogger;
  prepare: PrepareInboundOptions;
  /** Attachments up to this size are kept (default 10 MB); the answer to the message names a larger one. */
  maxAttachmentBytes?: number;
  /** Unexpected failures (not parse errors) are retried this many times before quarantine. */
  maxAttempts?: number;
}

export type IntakeOutcome = 'recorded' | 'duplicate' | 'own_outbound' | 'quarantined' | 'failed' | 'skipped';

export interface IntakeWorker {
  /** Processes every pending message; calls are serialised, so a call returns after the queue is empty. */
  processPending(): Promise<{ processed: number; quarantined: number }>;
  /** The outcome for one stored message (exported for the retry endpoint and tests). */
  processOne(id: string): Promise<IntakeOutcome>;
  /** Resolves when the drain in progress (if any) has finished; starts nothing. */
  idle(): Promise<void>;
}

function bounceError(email: ParsedEmail): string {
  const status = email.deliveryReport?.status;
  return `bounced${status ? ` (${status})` : ''}: ${email.subject}`;
}

/** Builds the worker; it does nothing until processPending() is called (by the sink, a timer or a test). */
export function createIntakeWorker(options: IntakeWorkerOptions): IntakeWorker {
  const maxAttempts = options.maxAttempts ?? 3;
  let queue: Promise<unknown> = Promise.resolve();

  /** The case our own Message-ID (`<outbox id>@<our domain>`) belongs to, and the outbox entry. */
  async function ownMessageCase(q: Tx | Db, messageId: string) {
    const at = messageId.lastIndexOf('@');
    if (at < 0 || messageId.slice(at + 1).toLowerCase() !== options.prepare.ourMessageIdDomain.toLowerCase()) return undefined;
    return options.outbox.findEntry(q, messageId.slice(0, at));
  }

  async function findThread(email: ParsedEmail, keys: { messageIds: string[]; caseToken: string | null }) {
    for (const id of keys.messageIds) {
      const entry = await ownMessageCase(options.db, id);
      if (entry?.caseId) return options.cases.requireCase(options.db, entry.caseId);
    }
    const caseNumber = keys.caseToken ? Number(keys.caseToken.slice(2)) : null;
    return options.cases.findThreadCase(options.db, { messageIds: keys.messageIds, caseNumber: Number.isSafeInteger(caseNumber) ? caseNumber : null });
  }

  async function quarantine(id: string, error: { reason: string; detail: string }, at: Date): Promise<'quarantined'> {
    await repo.markMailQuarantined(options.db, { id, error: `${error.reason}: ${error.detail}`, at });
    options.logger.warn({ inbound_mail_id: id, reason: error.reason, detail: error.detail }, 'inbound mail quarantined');
    return 'quarantined';
  }

  async function processOne(id: string): Promise<IntakeOutcome> {
    const row = await repo.findInboundMail(options.db, id);
    if (!row || row.state !== 'pending') return 'skipped';
    const prepared = await prepareInbound(row.raw, options.prepare);
    const at = options.clock.now();
    if (prepared.status === 'quarantine') return quarantine(id, prepared, at);
    if (prepared.status === 'own_outbound') {
      await repo.markMailProcessed(options.db, { id, at, note: 'our own outbound mail; not ingested' });
      return 'own_outbound';
    }
    const { email, keys, decision } = prepared;
    const kind = decision.classification.kind;
    const sender = decision.sender;
    // A bounce needs no sender (its From is often `MAILER-DAEMON (Mail Delivery System)`): its case is our message's.
    if (kind !== 'bounce' && sender.address === null) return quarantine(id, { reason: 'no_sender', detail: sender.reason }, at);
    const body = inboundBody(email);
    if (email.messageId && (await messageRepo.findInboundRepeat(options.db, { externalId: email.messageId, subject: email.subject || null, body }))) {
      await repo.markMailProcessed(options.db, { id, at, note: 'duplicate: same Message-ID and content as a message already on its case' });
      return 'duplicate';
    }
    const bounced = decision.markFailedMessageId ? await ownMessageCase(options.db, decision.markFailedMessageId) : undefined;
    const threadCase = bounced?.caseId ? await options.cases.requireCase(options.db, bounced.caseId) : await findThread(email, keys);
    if (kind === 'bounce' && !threadCase) {
      // A bounce opens no case. When it names a message of ours that is on no case (an order's notice), that
      // message is still marked failed, so what it kept is owed again.
      if (!bounced) {
        await repo.markMailProcessed(options.db, { id, at, note: 'bounce not about any message of ours; not recorded' });
        return 'recorded';
      }
      const marked = await withTransaction(options.db, async (tx) => {
        if (!(await repo.claimPendingMail(tx, id))) return false;
        await options.outbox.markBounced(tx, { outboxId: bounced.id, error: bounceError(email) });
        await repo.markMailProcessed(tx, { id, at, note: `bounce of our message ${bounced.id}, which is on no case` });
        return true;
      });
      return marked ? 'recorded' : 'skipped';
    }
    const senderAddress = sender.address;
    // The sender, when already known, and whether it is the thread's customer; an unknown sender answering
    // in a thread (a hand-off to email, a CC'd relative) is linked to the thread's customer.
    const known = kind === 'bounce' || !senderAddress ? [] : await options.customers.findCustomers({ email: senderAddress });
    const linkToThread = threadCase && (kind === 'bounce' || known.length === 0 || known.some((c) => c.id === threadCase.customerId));

    const done = await withTransaction(options.db, async (tx) => {
      if (!(await repo.claimPendingMail(tx, id))) return false;
      if (bounced && decision.markFailedMessageId) {
        await options.outbox.markBounced(tx, { outboxId: bounced.id, error: bounceError(email) });
      }
      const customerId =
        kind === 'bounce' && threadCase
          ? threadCase.customerId
          : await resolveCustomer(tx, {
              ref: { email: senderAddress!, name: (sender.address !== null && sender.name) || undefined },
              orderCustomerId: linkToThread ? threadCase.customerId : undefined,
              at: row.receivedAt,
            });
      if (!customerId) throw new Error('no customer could be resolved from the sender');
      const recorded = await options.cases.recordInbound(tx, {
        customerId,
        channel: 'email',
        subject: email.subject || undefined,
        text: body,
        html: email.html,
        threadRef: keys.messageIds[keys.messageIds.length - 1] ?? email.messageId,
        externalId: email.messageId,
        caseId: linkToThread ? threadCase.id : undefined,
        orderNumber: keys.orderNumbers[0] ?? null,
        orderNumbers: keys.orderNumbers,
        eventId: null,
        noise: kind === 'human' ? null : kind,
        authorKind: kind === 'human' ? 'customer' : 'automatic',
        // Automatic mail that answers nothing of ours (a newsletter, a notification) waits in its own queue.
        queue: kind === 'auto_reply' && !threadCase ? 'automatic' : null,
        filesNotKept: filesNotKept(email, options.maxAttachmentBytes ?? 10 * 1024 * 1024),
        at: row.receivedAt,
      });
      await storeInboundAttachments(tx, { email, messageId: recorded.message.id, caseRecord: recorded.caseRecord, at });
      await repo.markMailProcessed(tx, { id, at });
      return true;
    });
    if (done) options.logger.info({ inbound_mail_id: id, kind, thread_case_id: threadCase?.id ?? null, attachments: email.attachments.length }, 'inbound mail recorded');
    return done ? 'recorded' : 'skipped';
  }

  async function drain(): Promise<{ processed: number; quarantined: number }> {
    let processed = 0;
    let quarantined = 0;
    const tried = new Set<string>();
    for (;;) {
      const ids = (await repo.listPendingMailIds(options.db, 100)).filter((id) => !tried.has(id));
      if (ids.length === 0) break;
      for (const id of ids) {
        tried.add(id);
        try {
          const outcome = await processOne(id);
          if (outcome === 'quarantined') quarantined += 1;
          else if (outcome !== 'skipped') processed += 1;
        } catch (error) {
          const text = error instanceof Error ? error.message : String(error);
          options.logger.error({ inbound_mail_id: id, err: error }, 'inbound mail could not be processed');
          await repo.recordMailAttemptFailed(options.db, { id, error: text, maxAttempts, at: options.clock.now() });
        }
      }
    }
    return { processed, quarantined };
  }

  // Calls while a drain runs share one follow-up drain, so a burst of stored messages costs two passes.
  let waiting: Promise<{ processed: number; quarantined: number }> | null = null;
  return {
    processPending() {
      if (waiting) return waiting;
      const run = queue.then(() => {
        waiting = null;
        return drain();
      });
      waiting = run;
      queue = run.catch(() => undefined);
      return run;
    },
    processOne,
    async idle() {
      await queue;
    },
  };
}
