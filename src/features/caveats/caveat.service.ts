// Product caveats (crack C13): an order item's caveat opens a `disclose` commitment at purchase, kept only
// by a delivered message that states it in plain words (Kept sends its own before the deadline when no one
// has: the disclosure sender), and information owed by a date opens a `provide_info` commitment owned by the
// catalog's team. The engine's ports open and keep them; nothing is asked on the bus.
import type { Logger } from 'pino';
import type { Db, Queryable, Tx } from '../../db/create-db.js';
import type { DomainBus, DomainEvents, DomainFact } from '../../domain-events.js';
import type { Clock } from '../../shared/clock.js';
import { caveatPolicyId } from '../commitments/engine-config.js';
import type { FallbackSender, KeepCommitment, OpenCommitment, OpenCommitmentRequest } from '../commitments/engine-ports.js';
import * as customerRepo from '../customers/index.js';
import * as orderRepo from '../orders/index.js';
import { queueCustomerEmail } from '../claims/customer-email.js';
import type { OutboxService } from '../comms/outbox.service.js';
import { caveatPhrases, caveatsOfItems, disclosureMessage, durationMs, infoDueAt, infoPhrases, statesAny } from './caveat.js';
import * as repo from './caveat.repo.js';
import type { Caveat } from './caveat.schemas.js';

export interface CaveatServiceDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  defaultZone: string;
  catalog: readonly Caveat[];
  /** The engine's ports: open a commitment no policy opens, keep an owed one, inside the caller's transaction. */
  commitments: { openCommitment: OpenCommitment; keepCommitment: KeepCommitment };
}

export function createCaveatService(deps: CaveatServiceDeps) {
  const byCode = new Map(deps.catalog.map((caveat) => [caveat.code, caveat]));

  function openCommitment(tx: Tx, request: Omit<OpenCommitmentRequest, 'caseId' | 'ownerId'>): Promise<string> {
    return deps.commitments.openCommitment(tx, { caseId: null, ownerId: null, ...request });
  }

  /** At purchase: a caveat row per item caveat the catalog knows, and the commitments that owe it. */
  async function openCaveats(tx: Tx, input: { event: DomainEvents['event.ingested']['event']; customerId: string | null }): Promise<void> {
    const { event } = input;
    const orderNumber = event.order?.id;
    const found = caveatsOfItems(event.order?.items ?? []);
    if (!orderNumber || found.length === 0) return;
    const soldAt = new Date(event.occurred_at);
    const zone = await zoneOf(tx, { customerId: input.customerId, defaultZone: deps.defaultZone });
    const rows: repo.NewCaveat[] = [];
    for (const entry of found) {
      const caveat = byCode.get(entry.code);
      if (!caveat) {
        deps.logger.warn({ order_number: orderNumber, caveat_code: entry.code, event_id: event.id }, 'an order item names a caveat the catalog does not know; nothing is owed for it');
        continue;
      }
      const infoDue = caveat.info ? infoDueAt({ item: entry.item, due: caveat.info.due, zone }) : null;
      if (caveat.info && !infoDue) deps.logger.warn({ order_number: orderNumber, caveat_code: entry.code, field: caveat.info.due.field }, 'the item has no date for the information owed');
      rows.push({
        orderNumber,
        customerId: input.customerId,
        code: caveat.code,
        itemIndex: entry.itemIndex,
        text: entry.text ?? caveat.text,
        soldAt,
        discloseDueAt: new Date(soldAt.getTime() + durationMs(caveat.disclose_within)),
        info: caveat.info && infoDue ? { what: caveat.info.what, team: caveat.info.team, dueAt: infoDue } : null,
      });
    }
    for (const row of await repo.insertCaveats(tx, rows)) {
      const caveat = byCode.get(row.code)!;
      const common = { customerId: row.customerId, orderNumber, openedBy: `event:${event.id}` };
      const discloseId = await openCommitment(tx, {
        ...common,
        key: `caveat:${row.id}:disclose`,
        kind: 'disclose' as const,
        dueAt: row.discloseDueAt,
        ownerRole: null,
        policyId: caveatPolicyId('disclose'),
        atRiskLeadMinutes: caveat.fallback_lead_minutes,
        details: { caveat_id: row.id, caveat_code: row.code },
      });
      const infoId = row.info
        ? await openCommitment(tx, {
            ...common,
            key: `caveat:${row.id}:info`,
            kind: 'provide_info' as const,
            dueAt: row.info.dueAt,
            ownerRole: 'agent',
            policyId: caveatPolicyId('provide_info'),
            atRiskLeadMinutes: (caveat.info?.warn_hours_before ?? 48) * 60,
            details: { caveat_id: row.id, caveat_code: row.code, team: row.info.team, what: row.info.what },
          })
        : null;
      await repo.setCaveatCommitments(tx, { id: row.id, discloseCommitmentId: discloseId, infoCommitmentId: infoId });
      deps.logger.info({ order_number: orderNumber, customer_id: row.customerId, caveat_code: row.code, disclose_commitment_id: discloseId, info_commitment_id: infoId }, 'caveat sold');
    }
  }

  async function keep(tx: Tx, commitmentId: string | null, by: string, at: Date): Promise<void> {
    if (commitmentId) await deps.commitments.keepCommitment(tx, { commitmentId, by, at });
  }

  /** `order.placed` opens what its items' caveats owe; `caveat.info_provided {code?}` says the information went out. */
  async function onEventIngested(fact: DomainFact<'event.ingested'>, tx: Tx): Promise<void> {
    const { event } = fact;
    if (event.type === 'order.placed') return openCaveats(tx, { event, customerId: fact.customerId });
    if (event.type !== 'caveat.info_provided' || !event.order?.id) return;
    const code = (event.data as Record<string, unknown>)['code'];
    for (const row of await repo.listOwingCaveatsOfOrders(tx, [event.order.id])) {
      if (!row.info || row.info.providedAt || (typeof code === 'string' && code !== row.code)) continue;
      const at = new Date(event.occurred_at);
      if (await repo.markInfoProvided(tx, { id: row.id, by: `event:${event.id}`, at })) await keep(tx, row.info.commitmentId, `event:${event.id}`, at);
    }
  }

  /** A delivered message about the order that states a caveat discloses it; one that states the owed information delivers it. */
  async function onMessageDelivered(fact: DomainFact<'message.delivered'>, tx: Tx): Promise<void> {
    const { message, caseRecord } = fact;
    if (message.direction !== 'out') return;
    const orders = [...new Set([...message.orderNumbers, ...(caseRecord?.orderNumber ? [caseRecord.orderNumber] : [])])];
    const owing = (await repo.listOwingCaveatsOfOrders(tx, orders)).filter((row) => row.customerId === null || row.customerId === message.customerId);
    if (owing.length === 0) return;
    const text = `${message.subject ?? ''}\n${message.body}`;
    const at = deps.clock.now();
    for (const row of owing) {
      const caveat = byCode.get(row.code);
      if (!caveat) continue;
      if (!row.disclosedAt && statesAny(text, caveatPhrases(caveat, row.text)) && (await repo.markDisclosed(tx, { id: row.id, by: message.id, at }))) {
        await keep(tx, row.discloseCommitmentId, message.id, at);
      }
      // Kept's own disclosure says when the information will come; it is not the information.
      const delivers = caveat.info && row.info && !row.info.providedAt && message.id !== row.keptMessageId && statesAny(text, infoPhrases(caveat.info));
      if (delivers && (await repo.markInfoProvided(tx, { id: row.id, by: message.id, at }))) await keep(tx, row.info!.commitmentId, message.id, at);
    }
  }

  return { onEventIngested, onMessageDelivered, countCaveats: (range: { from: Date; to: Date }) => repo.countCaveats(deps.db, { ...range, now: deps.clock.now() }) };
}

export type CaveatService = ReturnType<typeof createCaveatService>;

async function zoneOf(q: Queryable, options: { customerId: string | null; defaultZone: string }): Promise<string> {
  const customer = options.customerId ? await customerRepo.findCustomerById(q, options.customerId) : undefined;
  return customer?.timeZone ?? options.defaultZone;
}

/**
 * The engine's fallback sender for `disclose` commitments: no message stated the caveat in time, so Kept
 * writes to the buyer (never a gift's recipient) itself. Built before the engine; passed to it in app.ts.
 */
export function createDisclosureSender(deps: { clock: Clock; bus: DomainBus; outbox: OutboxService; publicUrl: string; defaultZone: string }): FallbackSender {
  const statusUrl = (token: string) => `${deps.publicUrl.replace(/\/$/, '')}/status/${token}`;
  return async (tx, request) => {
    const row = await repo.findCaveatByDiscloseCommitment(tx, request.commitmentId);
    if (!row || !row.customerId) return { outboxId: null, status: 'skipped', detail: `no caveat with a buyer owes commitment ${request.commitmentId}` };
    if (row.disclosedAt) return { outboxId: null, status: 'skipped', detail: 'already disclosed' };
    const order = await orderRepo.findOrderByNumber(tx, row.orderNumber);
    const zone = await zoneOf(tx, { customerId: row.customerId, defaultZone: deps.defaultZone });
    const text = disclosureMessage({
      orderNumber: row.orderNumber,
      text: row.text,
      info: row.info ? { what: row.info.what, dueAt: row.info.dueAt } : null,
      zone,
      statusUrl: order ? statusUrl(order.statusToken) : deps.publicUrl,
    });
    const sent = await queueCustomerEmail(tx, {
      outbox: deps.outbox,
      bus: deps.bus,
      email: { key: `caveat:${row.id}:disclosure`, customerId: row.customerId, caseRecord: null, orderNumber: row.orderNumber, origin: 'caveat_disclosure', ...text, at: deps.clock.now() },
    });
    if (sent.status === 'skipped') return { outboxId: null, status: 'skipped', detail: sent.detail };
    if (sent.messageId) await repo.setKeptMessage(tx, { id: row.id, messageId: sent.messageId });
    return { outboxId: sent.outboxId, status: sent.status };
  };
}

/** What an order's status page says about its caveats, from purchase on (the status page's `orderNotes` port). */
export function createCaveatStatusNotes(deps: { defaultZone: string }) {
  const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: deps.defaultZone });
  return async (q: Queryable, orderNumber: string): Promise<string[]> => {
    const rows = await repo.listCaveatsOfOrder(q, orderNumber);
    return rows.flatMap((row) => {
      if (!row.info) return [row.text];
      const when = row.info.providedAt ? `were sent on ${dayFormat.format(row.info.providedAt)}` : `will be sent by ${dayFormat.format(row.info.dueAt)}`;
      return [row.text, `Your ${row.info.what} ${when}.`];
    });
  };
}
