// Agent assist (crack C12): for a case, every identifier in the customer's messages explained from the
// customer's records, and a reply drafted from the records and the reason catalog, checked by the fact
// audit like any reply. Reads only; nothing is sent.
import type { Db, Queryable } from '../../db/create-db.js';
import { AppError } from '../../shared/app-error.js';
import * as caseRepo from '../cases/index.js';
import { caseToken } from '../cases/case.service.js';
import * as messageRepo from '../cases/index.js';
import { buildCustomerFacts, dayIn, moneyMovementsOf } from '../comms/customer-facts.js';
import { auditMessage, type AuditFinding } from '../comms/fact-audit.js';
import type { ReasonCatalog } from '../comms/reason.schemas.js';
import * as customerRepo from '../customers/index.js';
import * as orderRepo from '../orders/index.js';
import { explainIdentifiers, type AssistOrder, type AssistRecords, type ExplanationKind } from './explain.js';
import { findIdentifiers, type IdentifierLabel } from './identifiers.js';
import { draftReply, type SuggestedFact } from './suggest-reply.js';

export interface AssistServiceDeps {
  db: Db;
  reasons: ReasonCatalog;
  defaultZone: string;
}

export interface AssistExplanation {
  message_id: string;
  text: string;
  /** Where in the message body the identifier starts. */
  at: number;
  kind: ExplanationKind;
  /** What the customer called it, read from the word before it; null when nothing said. */
  called: IdentifierLabel | null;
  record: { type: 'order' | 'case' | 'customer'; id: string } | null;
  explanation: string;
}

export interface CaseAssist {
  explanations: AssistExplanation[];
  suggested_reply: { body: string; facts: SuggestedFact[]; reason_code?: string; audit: { ok: boolean; findings: AuditFinding[] } } | null;
}

// The customer's messages read for identifiers, the latest first: older ones are history the agent has seen.
const messagesRead = 50;

async function readRecords(q: Queryable, options: { caseRecord: caseRepo.CaseRecord; zone: string }): Promise<AssistRecords> {
  const { caseRecord } = options;
  const owned = await orderRepo.listOrdersOfCustomer(q, caseRecord.customerId);
  const extra = caseRecord.orderNumber && !owned.some((order) => order.number === caseRecord.orderNumber) ? await orderRepo.listOrdersByNumbers(q, [caseRecord.orderNumber]) : [];
  const orders = [...owned, ...extra];
  const states = await orderRepo.listOrderStates(
    q,
    orders.map((order) => order.id),
  );
  const identities = await customerRepo.listIdentitiesOfCustomer(q, caseRecord.customerId);
  const cases = await caseRepo.listCasesOfCustomer(q, caseRecord.customerId);
  const toOrder = (order: orderRepo.OrderRecord): AssistOrder => ({
    number: order.number,
    state: order.state,
    payment: { method: order.paymentMethod, last4: order.cardLast4 },
    total: order.total,
    movements: moneyMovementsOf(order).map((movement) => ({ what: movement.what, amount: { amountMinor: movement.amountMinor, currency: movement.currency }, to: movement.to })),
    tracking: order.trackingNumber ? { number: order.trackingNumber, carrier: order.carrier } : null,
    days: states
      .filter((state) => state.orderId === order.id)
      .flatMap((state) => {
        const day = dayIn(state.at, options.zone);
        return day ? [{ state: state.state, day }] : [];
      }),
  });
  return {
    customerId: caseRecord.customerId,
    orders: orders.map(toOrder),
    phones: identities.filter((identity) => identity.kind === 'phone').map((identity) => identity.value),
    cases: cases.map((each) => ({ id: each.id, token: caseToken(each.number), number: each.number, kind: each.kind })),
  };
}

export function createAssistService(deps: AssistServiceDeps) {
  const { db, reasons } = deps;

  /** The explanations of a case's inbound messages and the suggested reply; `not_found` for no such case. */
  async function assistCase(caseId: string): Promise<CaseAssist> {
    const caseRecord = await caseRepo.findCaseById(db, caseId);
    if (!caseRecord) throw new AppError('not_found', { detail: `No case ${caseId}` });
    const customer = await customerRepo.findCustomerById(db, caseRecord.customerId);
    const zone = customer?.timeZone ?? deps.defaultZone;
    const records = await readRecords(db, { caseRecord, zone });
    const inbound = (await messageRepo.listMessagesOfCase(db, caseId)).filter((message) => message.direction === 'in' && !message.noise).slice(-messagesRead);
    const explanations: AssistExplanation[] = [];
    let latestExplained: ReturnType<typeof explainIdentifiers> = [];
    for (const message of inbound) {
      const explained = explainIdentifiers(findIdentifiers(message.body), records);
      // The latest message's identifiers are what the customer is asking about now: the reply answers those.
      latestExplained = explained;
      for (const entry of explained) {
        explanations.push({
          message_id: message.id,
          text: entry.identifier.text,
          at: entry.identifier.start,
          kind: entry.match.kind,
          called: entry.identifier.label,
          record: entry.record,
          explanation: entry.explanation,
        });
      }
    }
    const order = caseRecord.orderNumber ? await orderRepo.findOrderByNumber(db, caseRecord.orderNumber) : undefined;
    const reason = order?.reasonCode ? reasons.find((entry) => entry.code === order.reasonCode) : undefined;
    const draft = draftReply({
      name: customer?.name ?? null,
      explained: latestExplained,
      reason: reason && order ? { code: reason.code, text: reason.customer_text, orderNumber: order.number } : null,
    });
    if (!draft) return { explanations, suggested_reply: null };
    const facts = await buildCustomerFacts(db, { customerId: caseRecord.customerId, orderNumber: caseRecord.orderNumber, zone, reasons });
    const audit = auditMessage({ text: draft.body, facts, reasons });
    return {
      explanations,
      suggested_reply: { body: draft.body, facts: draft.facts, ...(draft.reasonCode ? { reason_code: draft.reasonCode } : {}), audit: { ok: audit.ok, findings: audit.findings } },
    };
  }

  return { assistCase };
}

export type AssistService = ReturnType<typeof createAssistService>;
