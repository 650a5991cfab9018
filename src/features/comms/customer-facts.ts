// The customer's truth the fact audit reads, built from their records: the orders' payment cards, where
// refunds and credits went (card or account), amounts, the days of each state change, tracking numbers
// and the recorded reasons. Only reasons the catalog knows are used: an unknown code cannot be compared.
import { DateTime } from 'luxon';
import type { Queryable } from '../../db/create-db.js';
import * as orderRepo from '../orders/index.js';
import type { CustomerFactsInput, DateKind } from './facts.schemas.js';
import type { ReasonCatalog } from './reason.schemas.js';

const dateKindByState: Partial<Record<string, DateKind>> = {
  placed: 'placed',
  shipped: 'shipped',
  delivered: 'delivered',
  cancelled: 'cancelled',
  refunded: 'refunded',
  tradein_credited: 'credited',
};

interface MoneyFact {
  amount_minor?: unknown;
  currency?: unknown;
  to_method?: unknown;
  to_last4?: unknown;
}

function moneyFact(value: unknown): MoneyFact | undefined {
  return value && typeof value === 'object' ? (value as MoneyFact) : undefined;
}

/** The calendar day (YYYY-MM-DD) of an instant or a date in the customer's zone. */
export function dayIn(value: Date | string, zone: string): string | undefined {
  const instant =
    value instanceof Date ? DateTime.fromJSDate(value).setZone(zone) : /^\d{4}-\d{2}-\d{2}$/.test(value) ? DateTime.fromISO(value, { zone }) : DateTime.fromISO(value, { setZone: true }).setZone(zone);
  return instant.isValid ? (instant.toISODate() ?? undefined) : undefined;
}

/** Where money went, as the audit names it: a card, or (bank, store, trade-in) an account. */
export function instrumentKind(method: unknown): 'card' | 'account' {
  return typeof method === 'string' && /card|visa|mastercard|amex/i.test(method) ? 'card' : 'account';
}

export interface MoneyMovementFact {
  what: 'refund' | 'credit';
  amountMinor: number;
  currency: string;
  to: { kind: 'card' | 'account'; last4: string } | null;
}

/** The refund and trade-in credit an order records, and the card or account each went to. */
export function moneyMovementsOf(order: orderRepo.OrderRecord): MoneyMovementFact[] {
  const movements: MoneyMovementFact[] = [];
  for (const key of ['refund', 'tradein_credit'] as const) {
    const fact = moneyFact(order.facts[key]);
    if (!fact || typeof fact.amount_minor !== 'number' || typeof fact.currency !== 'string') continue;
    const kind = instrumentKind(fact.to_method ?? (key === 'refund' ? 'card' : 'account'));
    const to = typeof fact.to_last4 === 'string' && /^\d{4}$/.test(fact.to_last4) ? { kind, last4: fact.to_last4 } : null;
    movements.push({ what: key === 'refund' ? 'refund' : 'credit', amountMinor: fact.amount_minor, currency: fact.currency, to });
  }
  return movements;
}

/**
 * The facts of one customer for the audit. `orderNumber` (the case's order) gives the case's recorded
 * reason; without it, every order's reason counts as recorded.
 */
export async function buildCustomerFacts(q: Queryable, options: { customerId: string | null; orderNumber: string | null; zone: string; reasons: ReasonCatalog }): Promise<CustomerFactsInput> {
  const known = new Set(options.reasons.map((reason) => reason.code));
  const owned = options.customerId ? await orderRepo.listOrdersOfCustomer(q, options.customerId) : [];
  const extra = options.orderNumber && !owned.some((order) => order.number === options.orderNumber) ? await orderRepo.listOrdersByNumbers(q, [options.orderNumber]) : [];
  const orders = [...owned, ...extra];
  const history = await orderRepo.listOrderStates(
    q,
    orders.map((order) => order.id),
  );
  const instruments = new Map<string, { kind: 'card' | 'account'; last4: string }>();
  const addInstrument = (kind: 'card' | 'account', last4: unknown) => {
    if (typeof last4 === 'string' && /^\d{4}$/.test(last4)) instruments.set(`${kind}:${last4}`, { kind, last4 });
  };

  const orderFacts = orders.map((order) => {
    addInstrument('card', order.cardLast4);
    const amounts: { amountMinor: number; currency: string }[] = [];
    if (order.total) amounts.push({ amountMinor: order.total.amountMinor, currency: order.total.currency });
    for (const movement of moneyMovementsOf(order)) {
      amounts.push({ amountMinor: movement.amountMinor, currency: movement.currency });
      if (movement.to) addInstrument(movement.to.kind, movement.to.last4);
    }
    const dates: Partial<Record<DateKind, string>> = {};
    for (const entry of history.filter((state) => state.orderId === order.id)) {
      const kind = dateKindByState[entry.state];
      const day = kind && dayIn(entry.at, options.zone);
      if (kind && day) dates[kind] = day;
    }
    const eta = typeof order.facts['new_eta'] === 'string' ? order.facts['new_eta'] : order.promisedBy;
    const etaDay = eta ? dayIn(eta, options.zone) : undefined;
    if (etaDay) dates.eta = etaDay;
    return {
      number: order.number,
      amounts,
      dates,
      tracking_numbers: order.trackingNumber ? [order.trackingNumber] : [],
      ...(order.reasonCode && known.has(order.reasonCode) ? { reason: order.reasonCode } : {}),
    };
  });
  // The case is about an order the shop has not told Kept of yet: its number is still true to name.
  if (options.orderNumber && !orders.some((order) => order.number === options.orderNumber)) orderFacts.push({ number: options.orderNumber, amounts: [], dates: {}, tracking_numbers: [] });
  const caseOrder = options.orderNumber ? orders.find((order) => order.number === options.orderNumber) : undefined;
  const caseReason = caseOrder?.reasonCode && known.has(caseOrder.reasonCode) ? caseOrder.reasonCode : undefined;
  return { instruments: [...instruments.values()], orders: orderFacts, ...(caseReason ? { reason: caseReason } : {}) };
}
