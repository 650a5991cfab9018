// The fact audit (cracks C2 and C3): every claim in an outgoing message is checked against the
// customer's records before it leaves. Findings are values; the caller holds the message.
import { formatMoney } from '../../shared/values.js';
import { customerFactsSchema, type CustomerFacts, type CustomerFactsInput, type DateKind, type OrderFacts } from './facts.schemas.js';
import { findClaims, type Claim } from './message-claims.js';
import { findReasonByCode, findReasonStatements, loadDefaultReasons } from './reason-catalog.js';
import type { ReasonCatalog } from './reason.schemas.js';

export type FindingCode = 'fact_mismatch' | 'reason_conflict';

export interface AuditFinding {
  code: FindingCode;
  /** Names the claim and the truth, for the agent who must fix it. */
  detail: string;
}

export interface AuditResult {
  ok: boolean;
  findings: AuditFinding[];
  /** The claims read from the text, for the outbox record. */
  claims: Claim[];
}

export interface AuditMessageOptions {
  text: string;
  facts: CustomerFactsInput;
  /** The reason catalog; the shipped one when not given. */
  reasons?: ReasonCatalog;
}

let shippedReasons: ReasonCatalog | undefined;

const normalise = (number: string) => number.toUpperCase().replace(/[#\s]/g, '');
const digitsOf = (number: string) => number.replace(/\D/g, '');

function sameOrderNumber(claimed: string, recorded: string): boolean {
  // "#1001" and "1001" name order A-1001: customers and agents drop the prefix.
  return normalise(claimed) === normalise(recorded) || (/^#?\d+$/.test(claimed) && digitsOf(claimed) === digitsOf(recorded));
}

// What else in the records ends in these digits: the explanation a mislabelled last-4 usually needs.
function whatEndsIn(digits: string, facts: CustomerFacts): string[] {
  const owners: string[] = [];
  for (const instrument of facts.instruments) {
    if (instrument.last4 === digits) owners.push(`the ${instrument.kind} ending in ${digits}`);
  }
  for (const order of facts.orders) {
    if (digitsOf(order.number).endsWith(digits)) owners.push(`the end of order number ${order.number}`);
    for (const tracking of order.tracking_numbers) {
      if (tracking.endsWith(digits)) owners.push(`the end of tracking number ${tracking}`);
    }
  }
  return owners;
}

function checkLast4(claim: Extract<Claim, { type: 'last4' }>, facts: CustomerFacts): string | undefined {
  const { label, digits } = claim;
  if (label === 'order') {
    return facts.orders.some((order) => digitsOf(order.number).endsWith(digits)) ? undefined : `"${claim.quote}": no order of this customer ends in ${digits}`;
  }
  if (label === 'other') return undefined;
  if (label === 'tracking') {
    return facts.orders.some((order) => order.tracking_numbers.some((tracking) => tracking.endsWith(digits))) ? undefined : `"${claim.quote}": no tracking number on record ends in ${digits}`;
  }
  const candidates = facts.instruments.filter((instrument) => label === 'unlabelled' || instrument.kind === label);
  if (candidates.some((instrument) => instrument.last4 === digits)) return undefined;
  const named = label === 'unlabelled' ? 'card or account' : label;
  const onRecord = candidates.map((instrument) => instrument.last4);
  const truth = onRecord.length > 0 ? `the ${named} on record ends in ${onRecord.join(' or ')}` : `no ${named} is on record`;
  const owners = whatEndsIn(digits, facts);
  return `"${claim.quote}": ${truth}${owners.length > 0 ? `; ${digits} is ${owners.join(' and ')}` : ''}`;
}

function checkClaim(claim: Claim, facts: CustomerFacts): string | undefined {
  switch (claim.type) {
    case 'last4':
      return checkLast4(claim, facts);
    case 'order_number': {
      if (facts.orders.some((order) => sameOrderNumber(claim.number, order.number))) return undefined;
      const orders = facts.orders.map((order) => order.number).join(', ') || 'none';
      return `"${claim.quote}": no such order for this customer (orders on record: ${orders})`;
    }
    case 'tracking_number': {
      const all = facts.orders.flatMap((order) => order.tracking_numbers);
      if (all.some((tracking) => normalise(tracking) === normalise(claim.number))) return undefined;
      const isOrder = facts.orders.find((order) => sameOrderNumber(claim.number, order.number));
      return `"${claim.quote}": ${isOrder ? `${claim.number} is the order number, not a tracking number; ` : ''}tracking numbers on record: ${all.join(', ') || 'none'}`;
    }
    case 'amount': {
      const amounts = facts.orders.flatMap((order) => order.amounts);
      const matches = amounts.some((amount) => amount.amountMinor === claim.amountMinor && amount.currency === claim.currency);
      if (matches) return undefined;
      return `"${claim.quote}": no amount of ${formatMoney(claim)} on record (amounts: ${amounts.map((amount) => formatMoney(amount)).join(', ') || 'none'})`;
    }
    case 'date':
      return checkDate(claim, facts.orders);
  }
}

// Money reaching the customer reads the same whether the records call it a refund or a credit.
const sameDayKinds: Partial<Record<DateKind, DateKind[]>> = { refunded: ['refunded', 'credited'], credited: ['credited', 'refunded'] };

function checkDate(claim: Extract<Claim, { type: 'date' }>, orders: OrderFacts[]): string | undefined {
  const kinds = sameDayKinds[claim.kind] ?? [claim.kind];
  const recorded = orders.flatMap((order) => kinds.map((kind) => order.dates[kind])).filter((day): day is string => day !== undefined);
  // A date of a kind the records do not hold (a future promise, an unrelated day) cannot be contradicted.
  if (recorded.length === 0) return undefined;
  const matches = recorded.some((day) => {
    const [year, month, date] = day.split('-').map(Number);
    return month === claim.month && date === claim.day && (claim.year === undefined || claim.year === year);
  });
  return matches ? undefined : `"${claim.quote}" as the ${claim.kind} date: the records say ${recorded.join(' or ')}`;
}

function checkReasons(text: string, facts: CustomerFacts, reasons: ReasonCatalog): AuditFinding[] {
  const recorded = new Set(facts.reason ? [facts.reason] : facts.orders.flatMap((order) => (order.reason ? [order.reason] : [])));
  if (recorded.size === 0) return [];
  const told = [...recorded].map((code) => `${code} ("${findReasonByCode(reasons, code).customer_text}")`).join(' or ');
  const findings = new Map<string, AuditFinding>();
  for (const statement of findReasonStatements(text, reasons)) {
    if (recorded.has(statement.code) || findings.has(statement.code)) continue;
    findings.set(statement.code, {
      code: 'reason_conflict',
      detail: `states "${statement.phrase}" (${statement.code}) but the recorded reason is ${told}`,
    });
  }
  return [...findings.values()];
}

/**
 * Audits a message before it is sent: reads its claims and checks each against the customer's records.
 * A true statement about an internal number is no finding; a last-4 labelled as a card or account that
 * the records do not hold is `fact_mismatch`; a reason other than the recorded one is `reason_conflict`.
 */
export function auditMessage(options: AuditMessageOptions): AuditResult {
  const facts = customerFactsSchema.parse(options.facts);
  const reasons = options.reasons ?? (shippedReasons ??= loadDefaultReasons());
  const claims = findClaims(options.text);
  const findings: AuditFinding[] = [];
  for (const claim of claims) {
    const detail = checkClaim(claim, facts);
    if (detail !== undefined && !findings.some((finding) => finding.detail === detail)) {
      findings.push({ code: 'fact_mismatch', detail });
    }
  }
  findings.push(...checkReasons(options.text, facts, reasons));
  return { ok: findings.length === 0, findings, claims };
}
