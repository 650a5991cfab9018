// Every email the surveys and claims features send goes through here: to the buyer's own address (the gift
// rule: a gift's recipient is never written to without the buyer's recorded consent), audited against the
// order's facts, recorded as a message on its case and queued in the outbox in the caller's transaction.
import type { Queryable, Tx } from '../../db/create-db.js';
import { historyOf } from '../../db/history-transaction.js';
import type { DomainBus } from '../../domain-events.js';
import type { AuditFinding } from '../../db/database.js';
import * as customerRepo from '../customers/index.js';
import * as messageRepo from '../cases/index.js';
import type { CaseRecord } from '../cases/index.js';
import { auditMessage } from '../comms/fact-audit.js';
import type { CustomerFactsInput } from '../comms/facts.schemas.js';
import type { OutboxService } from '../comms/outbox.service.js';
import * as orderRepo from '../orders/index.js';

export interface CustomerEmail {
  /** Makes the send idempotent: the same key never queues twice. */
  key: string;
  customerId: string;
  /** The buyer's email address, when the caller has just looked it up (findBuyerEmail). */
  to?: string;
  caseRecord: CaseRecord | null;
  orderNumber: string | null;
  origin: string;
  subject: string;
  body: string;
  at: Date;
}

export type CustomerEmailResult = { status: 'queued' | 'held'; outboxId: string; messageId: string | null; to: string; findings: AuditFinding[] } | { status: 'skipped'; detail: string };

/**
 * Whether Kept may write to `address` about `order`: anyone but a gift's recipient, and the recipient only
 * with the buyer's recorded consent.
 */
export function mayContact(input: { order: Pick<orderRepo.OrderRecord, 'isGift' | 'recipientEmail' | 'giftContactConsent'> | undefined; address: string }): boolean {
  const { order, address } = input;
  if (!order?.isGift || !order.recipientEmail) return true;
  return order.recipientEmail.toLowerCase() !== address.toLowerCase() || order.giftContactConsent;
}

/** The customer's own email address (the most recently linked one), never an order's recipient. */
export async function findBuyerEmail(q: Queryable, customerId: string): Promise<string | undefined> {
  const identities = await customerRepo.listIdentitiesOfCustomer(q, customerId);
  return [...identities].reverse().find((identity) => identity.kind === 'email')?.value;
}

function factsOfOrder(order: orderRepo.OrderRecord | undefined): CustomerFactsInput {
  if (!order) return {};
  const amounts: { amountMinor: number; currency: string }[] = [];
  if (order.total) amounts.push(order.total);
  for (const key of ['refund', 'tradein_credit', 'store_credit']) {
    const fact = order.facts[key] as { amount_minor?: number; currency?: string } | undefined;
    if (typeof fact?.amount_minor === 'number' && fact.currency) amounts.push({ amountMinor: fact.amount_minor, currency: fact.currency });
  }
  return {
    instruments: order.cardLast4 ? [{ kind: 'card', last4: order.cardLast4 }] : [],
    orders: [{ number: order.number, amounts, tracking_numbers: order.trackingNumber ? [order.trackingNumber] : [] }],
  };
}

/** Queues an email to the customer inside `tx`; the caller delivers it after commit (or the outbox worker does). */
export async function queueCustomerEmail(tx: Tx, input: { outbox: OutboxService; bus: DomainBus; email: CustomerEmail }): Promise<CustomerEmailResult> {
  const { email, ...deps } = input;
  if (historyOf(tx)) return { status: 'skipped', detail: 'history: an imported event from before the live horizon writes to no one' };
  const to = email.to ?? (await findBuyerEmail(tx, email.customerId));
  if (!to) return { status: 'skipped', detail: 'the customer has no email address' };
  const order = email.orderNumber ? await orderRepo.findOrderByNumber(tx, email.orderNumber) : undefined;
  if (!mayContact({ order, address: to })) return { status: 'skipped', detail: `order ${order?.number ?? ''} is a gift: its recipient is not contacted without the buyer's consent` };
  const audit = auditMessage({ text: `${email.subject}\n${email.body}`, facts: factsOfOrder(order) });
  const findings = audit.findings.map((finding) => ({ code: finding.code, detail: finding.detail }));
  const held = !audit.ok;
  const message = held
    ? null
    : await messageRepo.insertMessage(tx, {
        caseId: email.caseRecord?.id ?? null,
        customerId: email.customerId,
        direction: 'out',
        channel: 'email',
        authorKind: 'automatic',
        authorId: null,
        subject: email.subject,
        body: email.body,
        html: null,
        threadRef: null,
        externalId: null,
        eventId: null,
        orderNumbers: email.orderNumber ? [email.orderNumber] : [],
        noise: null,
        status: 'queued',
        at: email.at,
      });
  const entry = await deps.outbox.enqueue(tx, {
    idempotencyKey: email.key,
    caseId: email.caseRecord?.id ?? null,
    customerId: email.customerId,
    messageId: message?.id ?? null,
    messageText: message ? { body: message.body, html: message.html } : undefined,
    orderNumber: email.orderNumber,
    origin: email.origin,
    channel: 'email',
    to,
    subject: email.subject,
    body: email.body,
    html: null,
    reasonCode: null,
    status: held ? 'held' : 'queued',
    audit: { ok: audit.ok, findings },
    override: null,
    authorId: null,
    at: email.at,
  });
  if (message) await deps.bus.emit('message.recorded', { message, caseRecord: email.caseRecord, opened: false }, tx);
  return { status: held ? 'held' : 'queued', outboxId: entry.id, messageId: message?.id ?? null, to, findings };
}
