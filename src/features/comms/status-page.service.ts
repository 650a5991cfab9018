// Finds what a status page shows: an order or a case by its unguessable token (never by order number), its
// state, and the reason's customer text — the same words every message about it used.
import { DateTime } from 'luxon';
import type { Db } from '../../db/create-db.js';
import * as caseRepo from '../cases/index.js';
import { caseToken } from '../cases/case.service.js';
import * as messageRepo from '../cases/index.js';
import * as orderRepo from '../orders/index.js';
import type { ReasonCatalog } from './reason.schemas.js';
import { customerDateFormat } from './value-formatters.js';
import type { StatusOrderView, StatusPageView } from './status-page.js';

// newPublicToken() gives 22 base64url characters; anything else is not worth a query.
const tokenPattern = /^[A-Za-z0-9_-]{16,64}$/;

/** What other features add to an order's page (its caveats), read when the page is shown. */
export type OrderNotes = (q: Db, orderNumber: string) => Promise<string[]>;

export function createStatusPageService(deps: { db: Db; reasons: ReasonCatalog; defaultZone: string; orderNotes?: OrderNotes | undefined }) {
  const day = (value: Date | string) =>
    (value instanceof Date ? DateTime.fromJSDate(value) : DateTime.fromISO(value, { setZone: true })).setZone(deps.defaultZone).setLocale('en-US').toFormat(customerDateFormat);

  async function orderView(order: orderRepo.OrderRecord): Promise<StatusOrderView> {
    const reason = order.reasonCode ? deps.reasons.find((entry) => entry.code === order.reasonCode) : undefined;
    const eta = typeof order.facts['new_eta'] === 'string' ? order.facts['new_eta'] : order.promisedBy;
    const open = !['delivered', 'cancelled', 'refunded', 'tradein_credited'].includes(order.state);
    const notes = deps.orderNotes ? await deps.orderNotes(deps.db, order.number) : [];
    return { number: order.number, state: order.state, reasonText: reason?.customer_text ?? null, expectedBy: eta && open ? day(eta) : null, notes };
  }

  async function updatesOf(filter: { caseId?: string; customerId?: string | null; orderNumber?: string }): Promise<number> {
    const messages = filter.caseId ? await messageRepo.listMessagesOfCase(deps.db, filter.caseId) : filter.customerId ? await messageRepo.listMessagesOfCustomer(deps.db, filter.customerId) : [];
    return messages.filter((message) => message.direction === 'out' && message.status === 'sent' && (!filter.orderNumber || message.orderNumbers.includes(filter.orderNumber))).length;
  }

  /** The page's content for a token, or undefined when no order or case has it. */
  async function findStatusPage(token: string): Promise<StatusPageView | undefined> {
    if (!tokenPattern.test(token)) return undefined;
    const order = await orderRepo.findOrderByStatusToken(deps.db, token);
    if (order) {
      return {
        kind: 'order',
        caseToken: null,
        caseState: null,
        order: await orderView(order),
        updates: await updatesOf({ customerId: order.customerId, orderNumber: order.number }),
        updatedAt: day(order.updatedAt),
        locale: 'en',
      };
    }
    const caseRecord = await caseRepo.findCaseByStatusToken(deps.db, token);
    if (!caseRecord) return undefined;
    const caseOrder = caseRecord.orderNumber ? await orderRepo.findOrderByNumber(deps.db, caseRecord.orderNumber) : undefined;
    return {
      kind: 'case',
      caseToken: caseToken(caseRecord.number),
      caseState: caseRecord.state,
      order: caseOrder ? await orderView(caseOrder) : null,
      updates: await updatesOf({ caseId: caseRecord.id }),
      updatedAt: day(caseRecord.updatedAt),
      locale: 'en',
    };
  }

  return { findStatusPage };
}

export type StatusPageService = ReturnType<typeof createStatusPageService>;
