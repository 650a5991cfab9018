// The values a template prints, taken from the records (for real messages) or made up by kind (for a
// preview without a case), and the values a client sends, read by the kind each variable declares.
import { z } from 'zod';
import type { Queryable } from '../../db/create-db.js';
import { AppError } from '../../shared/app-error.js';
import { toMoney } from '../../shared/values.js';
import type { CaseRecord } from '../cases/index.js';
import { instrumentKind } from './customer-facts.js';
import { caseToken } from '../cases/case.service.js';
import * as customerRepo from '../customers/index.js';
import type { OrderRecord } from '../orders/index.js';
import type { CustomerFactsInput, DateKind } from './facts.schemas.js';
import type { ReasonCatalog } from './reason.schemas.js';
import type { MessageTemplate, VariableKind } from './template.schemas.js';
import type { TemplateValue } from './value-formatters.js';

export type VarValues = Record<string, TemplateValue>;

/** A status page's address: `<public_url>/status/<token>`. */
export function statusUrlOf(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/$/, '')}/status/${token}`;
}

function moneyOf(fact: unknown): TemplateValue | undefined {
  if (!fact || typeof fact !== 'object') return undefined;
  const { amount_minor: amountMinor, currency } = fact as { amount_minor?: unknown; currency?: unknown };
  return typeof amountMinor === 'number' && typeof currency === 'string' ? { amountMinor, currency } : undefined;
}

function last4Of(fact: unknown): string | undefined {
  const value = fact && typeof fact === 'object' ? (fact as { to_last4?: unknown }).to_last4 : undefined;
  return typeof value === 'string' ? value : undefined;
}

/**
 * Every value the records give for a message about this case and order: the customer's name, the case
 * token, the order's number, reason, dates, shipment, refund and credit, and the status link (the
 * order's page when there is an order, else the case's).
 */
export async function recordVars(
  q: Queryable,
  options: {
    customerId: string | null;
    /** The customer, when the caller has read it already (null: there is none). */
    customer?: { name: string | null } | null;
    caseRecord: CaseRecord | null;
    order: OrderRecord | null;
    reasons: ReasonCatalog;
    publicUrl: string;
  },
): Promise<VarValues> {
  const { caseRecord, order } = options;
  const customer = options.customer !== undefined ? options.customer : options.customerId ? await customerRepo.findCustomerById(q, options.customerId) : undefined;
  const vars: VarValues = { 'customer.name': customer?.name?.trim() || 'there' };
  if (caseRecord) {
    vars['case.token'] = caseToken(caseRecord.number);
    vars['contact.subject'] = caseRecord.subject;
  }
  if (order) {
    vars['order.number'] = order.number;
    if (order.reasonCode && options.reasons.some((reason) => reason.code === order.reasonCode)) vars['reason'] = order.reasonCode;
    const eta = typeof order.facts['new_eta'] === 'string' ? order.facts['new_eta'] : order.promisedBy;
    if (eta) vars['order.new_eta'] = eta;
    if (order.carrier) vars['shipment.carrier'] = order.carrier;
    if (order.trackingNumber) vars['shipment.tracking_number'] = order.trackingNumber;
    const refund = moneyOf(order.facts['refund']);
    if (refund) vars['refund.amount'] = refund;
    const refundLast4 = last4Of(order.facts['refund']) ?? order.cardLast4;
    if (refundLast4) vars['refund.card_last4'] = refundLast4;
    const credit = moneyOf(order.facts['tradein_credit']);
    if (credit) vars['credit.amount'] = credit;
    const creditLast4 = last4Of(order.facts['tradein_credit']);
    const creditKind = instrumentKind((order.facts['tradein_credit'] as { to_method?: unknown } | undefined)?.to_method);
    // Only a credit that went to an account has an account's last four; one to a card is named as a card.
    if (creditLast4 && creditKind === 'account') vars['credit.account_last4'] = creditLast4;
    if (credit) vars['credit.destination'] = creditLast4 ? `${creditKind} ending in ${creditLast4}` : `original ${creditKind === 'card' ? 'card' : 'payment method'}`;
  }
  const token = order?.statusToken ?? caseRecord?.statusToken;
  if (token) vars['status_url'] = statusUrlOf(options.publicUrl, token);
  return vars;
}

const moneyInput = z.union([
  z.object({ amountMinor: z.number().int(), currency: z.string() }),
  z.object({ amount_minor: z.number().int(), currency: z.string() }).transform((money) => ({ amountMinor: money.amount_minor, currency: money.currency })),
  z.object({ amount: z.union([z.number(), z.string()]), currency: z.string() }).transform((money) => toMoney(money.amount, money.currency)),
]);

/** Reads the `vars` a client sent for a template: money as `{amount, currency}` (or minor units), the rest as text. */
export function readClientVars(template: MessageTemplate, given: Record<string, unknown>): VarValues {
  const vars: VarValues = {};
  for (const [name, value] of Object.entries(given)) {
    const kind = template.variables[name];
    if (!kind) throw new AppError('validation_failed', { detail: `vars.${name}: template ${template.id} has no variable ${name}`, field: `vars.${name}` });
    const parsed = kind === 'Money' ? moneyInput.safeParse(value) : z.union([z.string(), z.number().transform(String)]).safeParse(value);
    if (!parsed.success) throw new AppError('validation_failed', { detail: `vars.${name}: a ${kind} is expected`, field: `vars.${name}` });
    vars[name] = parsed.data;
  }
  return vars;
}

/** Only the variables the template declares, records first and the client's values over them. */
export function templateVars(template: MessageTemplate, ...sources: VarValues[]): VarValues {
  const merged = Object.assign({}, ...sources) as VarValues;
  return Object.fromEntries(Object.keys(template.variables).flatMap((name) => (merged[name] === undefined ? [] : [[name, merged[name]]])));
}

/** Made-up values by kind, for previewing a template without a case. */
export function sampleVars(options: { template: MessageTemplate; reasons: ReasonCatalog; publicUrl: string; today: string }): VarValues {
  const samples: Record<VariableKind, TemplateValue> = {
    PersonName: 'Ana Example',
    OrderNumber: 'A-1001',
    CardLast4: '4242',
    AccountLast4: '3390',
    Money: { amountMinor: 4999, currency: 'USD' },
    Date: options.today,
    TrackingNumber: '1Z999AA10123456784',
    Reason: options.reasons[0]?.code ?? 'out_of_stock',
    Link: statusUrlOf(options.publicUrl, 'sample-status-token'),
    Text: 'sample',
  };
  const named: VarValues = { 'case.token': 'K-1001', 'shipment.carrier': 'UPS', 'contact.subject': 'Where is my order?' };
  return Object.fromEntries(Object.entries(options.template.variables).map(([name, kind]) => [name, named[name] ?? samples[kind]]));
}

const allDateKinds: DateKind[] = ['placed', 'shipped', 'delivered', 'cancelled', 'refunded', 'credited', 'eta'];

/** The records a preview without a case is audited against: what its values' kinds say they are. */
export function factsFromVars(template: MessageTemplate, vars: VarValues): CustomerFactsInput {
  const instruments: { kind: 'card' | 'account'; last4: string }[] = [];
  const amounts: { amountMinor: number; currency: string }[] = [];
  const dates: Partial<Record<DateKind, string>> = {};
  const tracking: string[] = [];
  let number = 'A-1001';
  let reason: string | undefined;
  for (const [name, kind] of Object.entries(template.variables)) {
    const value = vars[name];
    if (value === undefined) continue;
    if (kind === 'CardLast4' && typeof value === 'string') instruments.push({ kind: 'card', last4: value });
    if (kind === 'AccountLast4' && typeof value === 'string') instruments.push({ kind: 'account', last4: value });
    if (kind === 'Money' && typeof value === 'object' && !(value instanceof Date)) amounts.push({ amountMinor: value.amountMinor, currency: value.currency });
    if (kind === 'Date' && (typeof value === 'string' || value instanceof Date)) {
      const day = (value instanceof Date ? value.toISOString() : value).slice(0, 10);
      for (const dateKind of allDateKinds) dates[dateKind] = day;
    }
    if (kind === 'TrackingNumber' && typeof value === 'string') tracking.push(value);
    if (kind === 'OrderNumber' && typeof value === 'string') number = value;
    if (kind === 'Reason' && typeof value === 'string') reason = value;
  }
  return { instruments, orders: [{ number, amounts, dates, tracking_numbers: tracking, ...(reason ? { reason } : {}) }] };
}
