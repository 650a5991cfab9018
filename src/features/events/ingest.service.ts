// Ingest: a batch of events is stored and processed in one transaction. Repeats (by id) are counted as
// duplicates and change nothing; a failure anywhere rolls the whole batch back, so nothing is half-done.
import type { Logger } from 'pino';
import type { Db, Tx } from '../../db/create-db.js';
import { markHistory } from '../../db/history-transaction.js';
import { withTransaction } from '../../db/transaction.js';
import { announceCaseUpdated } from '../live/announce.js';
import type { DomainBus } from '../../domain-events.js';
import type { Clock } from '../../shared/clock.js';
import { newId } from '../../shared/ids.js';
import type { CaseService } from '../cases/case.service.js';
import { loadResolutionState, writeResolutions } from '../customers/customer.service.js';
import { identitiesOf } from '../customers/identity.js';
import type { CustomerOrders } from '../orders/customer-orders.js';
import { mentionedOrderNumbers } from '../orders/order.js';
import * as orderService from '../orders/order.service.js';
import * as eventRepo from './event.repo.js';
import type { EventInput } from './event.schemas.js';
import { planBatch, splitIntoRuns, type BatchPlan } from './ingest-plan.js';

export interface IngestResult {
  accepted: number;
  duplicates: number;
}

/** A survey answer that asks for contact, or a detractor's score, opens a case (crack C4). */
export function surveyNeedsFollowUp(data: Record<string, unknown>): boolean {
  return data['contact_requested'] === true || (typeof data['score'] === 'number' && data['score'] <= 6);
}

export function createIngestService(deps: { db: Db; clock: Clock; bus: DomainBus; cases: CaseService; logger: Logger }) {
  /** Routes an event whose customer and order are written already: its case, its message, the bus handlers. */
  async function processEvent(tx: Tx, event: EventInput, customerId: string | null, customerOrders: CustomerOrders): Promise<{ caseId: string | null }> {
    const at = new Date(event.occurred_at);
    const orderNumber = event.order?.id ?? null;
    const data = event.data as Record<string, unknown>;
    let caseId: string | null = null;
    let messageId: string | null = null;
    if (event.type === 'contact.received' && customerId) {
      const text = String(data['text'] ?? '');
      const mentioned = orderNumber ? [orderNumber] : mentionedOrderNumbers(text, customerOrders.numbersOf(customerId));
      const result = await deps.cases.recordInbound(tx, {
        customerId,
        channel: String(data['channel']),
        subject: typeof data['subject'] === 'string' ? data['subject'] : undefined,
        text,
        threadRef: typeof data['thread_ref'] === 'string' ? data['thread_ref'] : null,
        // A contact logged on a known case (an agent's call note) names it; it must be the customer's.
        caseId: typeof data['case_id'] === 'string' ? data['case_id'] : undefined,
        orderNumber: orderNumber ?? mentioned[0] ?? null,
        orderNumbers: mentioned,
        eventId: event.id,
        at,
      });
      caseId = result.caseRecord.id;
      messageId = result.message.id;
    } else if (event.type === 'message.sent') {
      const text = String(data['text'] ?? '');
      const mentioned = [...new Set([...(orderNumber ? [orderNumber] : []), ...mentionedOrderNumbers(text, customerId ? customerOrders.numbersOf(customerId) : [])])];
      const result = await deps.cases.recordOutboundExternal(tx, {
        customerId,
        channel: String(data['channel']),
        subject: typeof data['subject'] === 'string' ? data['subject'] : undefined,
        text,
        threadRef: typeof data['thread_ref'] === 'string' ? data['thread_ref'] : null,
        orderNumber,
        orderNumbers: mentioned,
        eventId: event.id,
        author: typeof data['author'] === 'string' ? data['author'] : undefined,
        caseId: typeof data['case_id'] === 'string' ? data['case_id'] : undefined,
        at,
      });
      caseId = result.caseRecord?.id ?? null;
      messageId = result.message.id;
    } else if (event.type === 'survey.responded' && customerId && surveyNeedsFollowUp(data)) {
      const comment = typeof data['comment'] === 'string' && data['comment'].trim() ? data['comment'] : `Survey score ${String(data['score'])}`;
      const result = await deps.cases.recordInbound(tx, {
        customerId,
        channel: 'survey',
        subject: `Survey response: score ${String(data['score'])}${data['contact_requested'] === true ? ', contact requested' : ''}`,
        text: comment,
        orderNumber,
        eventId: event.id,
        caseKind: 'survey_follow_up',
        at,
      });
      caseId = result.caseRecord.id;
      messageId = result.message.id;
    }
    await deps.bus.emit('event.ingested', { event, customerId, caseId, messageId, at }, tx);
    return { caseId };
  }

  /**
   * Resolves the customers of a batch of new events and plans what each writes to its order, in batch
   * order, from one read of what the batch names (its identities locked first).
   */
  async function planNewEvents(tx: Tx, events: readonly EventInput[]): Promise<{ plan: BatchPlan; customerOrders: CustomerOrders }> {
    const orderNumbers = [...new Set(events.flatMap((event) => (event.order?.id ? [event.order.id] : [])))];
    const owners = await orderService.listOrderOwners(tx, orderNumbers);
    const resolution = await loadResolutionState(tx, {
      identities: events.flatMap((event) => identitiesOf(event.customer)),
      createdAt: new Map(owners.flatMap((owner) => (owner.customerId && owner.customerCreatedAt ? [[owner.customerId, owner.customerCreatedAt] as const] : []))),
    });
    const knownCustomers = [...new Set([...resolution.customerByIdentity.values(), ...owners.flatMap((owner) => (owner.customerId ? [owner.customerId] : []))])];
    const threadRefs = [...new Set(events.flatMap((event) => (typeof event.data['thread_ref'] === 'string' ? [event.data['thread_ref']] : [])))];
    const reachable = await deps.cases.findReachableCases(tx, { threadRefs, customerIds: knownCustomers });
    await deps.bus.emit(
      'batch.started',
      { orderNumbers, caseIds: [...new Set([...reachable.openCases.map((entry) => entry.id), ...[...reachable.threads.values()].map((entry) => entry.caseId)])] },
      tx,
    );
    const openCaseOrders = new Map<string, string[]>();
    for (const entry of reachable.openCases) if (entry.orderNumber) openCaseOrders.set(entry.customerId, [...(openCaseOrders.get(entry.customerId) ?? []), entry.orderNumber]);
    const state = {
      resolution,
      orders: new Map(owners.map((owner) => [owner.number, { customerId: owner.customerId }])),
      threadCustomers: new Map([...reachable.threads].map(([ref, entry]) => [ref, entry.customerId])),
      openCaseOrders,
    };
    const customerOrders = await orderService.loadCustomerOrders(tx, { customerIds: knownCustomers, named: owners });
    return { plan: planBatch({ events, state, newCustomerId: () => newId('cus') }), customerOrders };
  }

  /**
   * Stores and processes a batch atomically; returns how many were new and how many were repeats. With
   * `history`, every event of the batch happened before the horizon: it is recorded and evaluated as of its
   * own time, and nothing reaches a customer (src/db/history-transaction.ts).
   */
  async function ingestEvents(events: EventInput[], options: { history?: { horizon: Date } } = {}): Promise<IngestResult> {
    const receivedAt = deps.clock.now();
    const firstById = new Map<string, EventInput>();
    for (const event of events) if (!firstById.has(event.id)) firstById.set(event.id, event);
    const stored = await withTransaction(deps.db, async (tx) => {
      if (options.history) markHistory(tx, { horizon: options.history.horizon, settleUpTo: historyReachedBy(events, options.history.horizon) });
      const inserted = await eventRepo.appendEvents(tx, { events: [...firstById.values()], receivedAt });
      const { plan, customerOrders } = await planNewEvents(
        tx,
        [...firstById.values()].filter((event) => inserted.has(event.id)),
      );
      // A run's events share no customer, identity, order or thread: its customer and order writes go
      // first, a statement each, and then its events are routed in batch order, as if one by one.
      for (const run of splitIntoRuns(plan.events)) {
        await writeResolutions(
          tx,
          run.map((entry) => entry.resolution),
        );
        const orderWrites = run.flatMap((entry) => (entry.orderWrite ? [entry.orderWrite] : []));
        await orderService.writeOrderUpdates(tx, orderWrites);
        for (const { resolution } of run) if (resolution.merge) customerOrders.merge(resolution.merge);
        customerOrders.apply(orderWrites);
        for (const entry of run) {
          const { caseId } = await processEvent(tx, entry.event, entry.customerId, customerOrders);
          if (caseId) announceCaseUpdated(tx, { bus: deps.bus, caseId });
        }
      }
      // Links follow the batch's merges, as a merge moves the events linked before it.
      await eventRepo.setEventCustomers(
        tx,
        plan.events.flatMap((entry) => (entry.customerId ? [{ eventId: entry.event.id, customerId: plan.survivorOf(entry.customerId) }] : [])),
      );
      await deps.bus.emit('batch.ending', {}, tx);
      return inserted.size;
    });
    deps.logger.debug({ accepted: stored, duplicates: events.length - stored }, 'events ingested');
    return { accepted: stored, duplicates: events.length - stored };
  }

  return { ingestEvents };
}

/** How far a history batch reaches: its latest event, never past the horizon. */
function historyReachedBy(events: readonly EventInput[], horizon: Date): Date {
  const latest = Math.max(...events.map((event) => Date.parse(event.occurred_at ?? '') || Number.NEGATIVE_INFINITY));
  return Number.isFinite(latest) ? new Date(Math.min(latest, horizon.getTime())) : horizon;
}

export type IngestService = ReturnType<typeof createIngestService>;
