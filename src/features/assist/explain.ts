// Explains each identifier found in a customer's message from that customer's own records: which record
// it belongs to, what it is, and — when the customer called it something else — what it is not and where
// the thing they meant really is ("the last four digits of order IW-117776, not a card; the credit went to
// the card ending in 4242"). An identifier no record holds is said to match nothing. Pure.
import { formatMoney, type Money } from '../../shared/values.js';
import type { FoundIdentifier } from './identifiers.js';

export interface MoneyMovement {
  what: 'refund' | 'credit';
  amount: Money;
  to: { kind: 'card' | 'account'; last4: string } | null;
}

export interface AssistOrder {
  number: string;
  state: string;
  payment: { method: string | null; last4: string | null };
  total: Money | null;
  movements: MoneyMovement[];
  tracking: { number: string; carrier: string | null } | null;
  /** Each state change and its day (YYYY-MM-DD) in the customer's zone. */
  days: { state: string; day: string }[];
}

export interface AssistCaseRef {
  id: string;
  token: string;
  number: number;
  kind: string;
}

/** One customer's records, as the explanations read them. */
export interface AssistRecords {
  customerId: string;
  orders: AssistOrder[];
  phones: string[];
  cases: AssistCaseRef[];
}

export type Match =
  | { kind: 'order_number' | 'order_suffix' | 'tracking_number' | 'tracking_suffix'; order: AssistOrder }
  | { kind: 'card_last4' | 'account_last4'; order: AssistOrder; last4: string; movement: MoneyMovement | null }
  | { kind: 'amount'; order: AssistOrder; role: 'total' | 'refund' | 'credit'; movement: MoneyMovement | null }
  | { kind: 'date'; order: AssistOrder; state: string; day: string }
  | { kind: 'phone'; phone: string }
  | { kind: 'case_number' | 'claim_number'; caseRef: AssistCaseRef }
  | { kind: 'unknown' };

export type ExplanationKind = Match['kind'];

export interface Explained {
  identifier: FoundIdentifier;
  match: Match;
  record: { type: 'order' | 'case' | 'customer'; id: string } | null;
  explanation: string;
}

const normal = (text: string) => text.toUpperCase().replace(/[^\p{L}\p{N}]/gu, '');
const digitsOf = (text: string) => text.replace(/\D/g, '');
const stateWords: Record<string, string> = { tradein_credited: 'credited', tradein_received: 'received for trade-in', payment_failed: 'refused for payment' };
export const stateWord = (state: string) => stateWords[state] ?? state.replace(/_/g, ' ');
export const withArticle = (noun: string) => `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;
const movementName = (movement: MoneyMovement) => (movement.what === 'refund' ? 'refund' : 'credit');

function matchDigits(digits: string, records: AssistRecords): Match[] {
  const matches: Match[] = [];
  for (const order of records.orders) {
    const own = digitsOf(order.number);
    if (own === digits) matches.push({ kind: 'order_number', order });
    else if (digits.length >= 3 && own.endsWith(digits)) matches.push({ kind: 'order_suffix', order });
    if (digits.length === 4) {
      if (order.payment.last4 === digits) matches.push({ kind: 'card_last4', order, last4: digits, movement: null });
      for (const movement of order.movements) {
        if (movement.to?.last4 === digits && order.payment.last4 !== digits) matches.push({ kind: movement.to.kind === 'card' ? 'card_last4' : 'account_last4', order, last4: digits, movement });
      }
    }
    const tracking = order.tracking ? digitsOf(order.tracking.number) : '';
    if (tracking && tracking === digits) matches.push({ kind: 'tracking_number', order });
    else if (tracking && digits.length >= 4 && tracking.endsWith(digits)) matches.push({ kind: 'tracking_suffix', order });
  }
  if (digits.length >= 4) {
    for (const phone of records.phones) if (digitsOf(phone).endsWith(digits)) matches.push({ kind: 'phone', phone });
  }
  if (!digits.startsWith('0')) {
    for (const caseRef of records.cases) if (caseRef.number === Number(digits)) matches.push({ kind: caseRef.kind === 'claim' ? 'claim_number' : 'case_number', caseRef });
  }
  return matches;
}

function matchCode(text: string, records: AssistRecords): Match[] {
  const code = normal(text);
  const matches: Match[] = [];
  for (const order of records.orders) {
    if (normal(order.number) === code) matches.push({ kind: 'order_number', order });
    if (order.tracking && normal(order.tracking.number) === code) matches.push({ kind: 'tracking_number', order });
  }
  for (const caseRef of records.cases) if (normal(caseRef.token) === code) matches.push({ kind: caseRef.kind === 'claim' ? 'claim_number' : 'case_number', caseRef });
  return matches;
}

function matchAmount(amount: NonNullable<FoundIdentifier['amount']>, records: AssistRecords): Match[] {
  const same = (money: Money) => money.amountMinor === amount.amountMinor && (amount.currency === null || money.currency === amount.currency);
  const matches: Match[] = [];
  for (const order of records.orders) {
    if (order.total && same(order.total)) matches.push({ kind: 'amount', order, role: 'total', movement: null });
    for (const movement of order.movements) if (same(movement.amount)) matches.push({ kind: 'amount', order, role: movement.what, movement });
  }
  return matches;
}

function matchDate(days: NonNullable<FoundIdentifier['days']>, records: AssistRecords): Match[] {
  const matches: Match[] = [];
  for (const order of records.orders) {
    for (const entry of order.days) {
      const [year, month, day] = entry.day.split('-').map(Number);
      if (days.some((reading) => reading.month === month && reading.day === day && (reading.year === undefined || reading.year === year))) {
        matches.push({ kind: 'date', order, state: entry.state, day: entry.day });
      }
    }
  }
  return matches;
}

function matchesOf(identifier: FoundIdentifier, records: AssistRecords): Match[] {
  switch (identifier.shape) {
    case 'amount':
      return matchAmount(identifier.amount!, records);
    case 'date':
      return matchDate(identifier.days!, records);
    case 'phone':
      return identifier.digits.length >= 7 ? records.phones.filter((phone) => digitsOf(phone).endsWith(identifier.digits.slice(-9))).map((phone) => ({ kind: 'phone', phone })) : [];
    case 'code': {
      const byCode = matchCode(identifier.text, records);
      // "#7776" or "IW117776" without its dash: the digits still tell.
      return byCode.length > 0 || identifier.digits.length < 3 ? byCode : matchDigits(identifier.digits, records);
    }
    case 'digits':
      return matchDigits(identifier.digits, records);
  }
}

/** Where money went: the card or account each refund or credit reached. */
function whereMoneyWent(records: AssistRecords, first: AssistOrder | null): string | undefined {
  const orders = first ? [first, ...records.orders.filter((order) => order !== first)] : records.orders;
  const moves = orders.flatMap((order) =>
    order.movements
      .filter((movement) => movement.to)
      .map((movement) => `the ${movementName(movement)} of ${formatMoney(movement.amount)} went to the ${movement.to!.kind} ending in ${movement.to!.last4}`),
  );
  if (moves.length > 0) return moves.join('; ');
  const cards = [...new Set(orders.flatMap((order) => (order.payment.last4 ? [order.payment.last4] : [])))];
  return cards.length > 0 ? `the card on record ends in ${cards.join(' or ')}` : undefined;
}

// What the customer called it, when the records say it is something else.
function notWhatTheyThink(identifier: FoundIdentifier, match: Match, records: AssistRecords): string {
  const { label } = identifier;
  // Only a number can be mistaken for another number: an amount or a day is what it is.
  if (!label || match.kind === 'unknown' || (identifier.shape !== 'digits' && identifier.shape !== 'code')) return '';
  const order = 'order' in match ? match.order : null;
  const isInstrument = match.kind === 'card_last4' || match.kind === 'account_last4';
  if ((label === 'card' || label === 'account') && !isInstrument) {
    const truth = whereMoneyWent(records, order);
    return `, not ${withArticle(label)}${truth ? `; ${truth}` : ''}`;
  }
  if (label === 'order' && !match.kind.startsWith('order_') && !(match.kind === 'amount' || match.kind === 'date')) return ', not an order number';
  if (label === 'tracking' && !match.kind.startsWith('tracking_') && match.kind !== 'date')
    return `, not a tracking number${order?.tracking ? `; the tracking number is ${order.tracking.number}` : ''}`;
  if (label === 'phone' && match.kind !== 'phone') return ', not a phone number';
  return '';
}

function describe(identifier: FoundIdentifier, match: Match, records: AssistRecords): string {
  switch (match.kind) {
    case 'order_number':
      return `the number of order ${match.order.number} (${stateWord(match.order.state)})`;
    case 'order_suffix':
      return `the last ${identifier.digits.length} digits of order ${match.order.number}`;
    case 'card_last4':
    case 'account_last4': {
      const what = match.kind === 'card_last4' ? 'card' : 'account';
      return match.movement
        ? `the ${what} ending in ${match.last4}, where the ${movementName(match.movement)} of ${formatMoney(match.movement.amount)} for order ${match.order.number} went`
        : `the card ending in ${match.last4}, used to pay for order ${match.order.number}`;
    }
    case 'tracking_number':
      return `the tracking number of order ${match.order.number}${match.order.tracking?.carrier ? ` (${match.order.tracking.carrier})` : ''}`;
    case 'tracking_suffix':
      return `the end of tracking number ${match.order.tracking!.number} of order ${match.order.number}`;
    case 'amount':
      return match.role === 'total'
        ? `the total of order ${match.order.number}`
        : `the ${match.role} for order ${match.order.number}${match.movement?.to ? `, paid to the ${match.movement.to.kind} ending in ${match.movement.to.last4}` : ''}`;
    case 'date':
      return `the day order ${match.order.number} was ${stateWord(match.state)} (${match.day})`;
    case 'phone':
      return 'the phone number on record for this customer';
    case 'case_number':
      return `the reference of case ${match.caseRef.token}`;
    case 'claim_number':
      return `the reference of claim ${match.caseRef.token}`;
    case 'unknown': {
      const said =
        identifier.label === 'card' || identifier.label === 'account'
          ? whereMoneyWent(records, null)
          : identifier.label === 'order'
            ? `the orders on record are ${records.orders.map((order) => order.number).join(', ') || 'none'}`
            : undefined;
      return `matches nothing in this customer's records${said ? `; ${said}` : ''}`;
    }
  }
}

function recordOf(match: Match, customerId: string): Explained['record'] {
  if ('order' in match) return { type: 'order', id: match.order.number };
  if (match.kind === 'case_number' || match.kind === 'claim_number') return { type: 'case', id: match.caseRef.id };
  if (match.kind === 'phone') return { type: 'customer', id: customerId };
  return null;
}

// A year on its own ("since 2025") is not an identifier unless the records hold it.
const isBareYear = (identifier: FoundIdentifier) => identifier.shape === 'digits' && /^(?:19|20)\d\d$/.test(identifier.text);

const kindRank: ExplanationKind[] = [
  'order_number',
  'order_suffix',
  'card_last4',
  'account_last4',
  'tracking_number',
  'tracking_suffix',
  'amount',
  'date',
  'phone',
  'case_number',
  'claim_number',
  'unknown',
];
const subjectOf = (match: Match) => ('order' in match ? match.order.number : 'caseRef' in match ? match.caseRef.token : '');
// The surest reading first, then by order number, so the same records always read the same.
const byCertainty = (a: Match, b: Match) => kindRank.indexOf(a.kind) - kindRank.indexOf(b.kind) || subjectOf(a).localeCompare(subjectOf(b));

/** Explains each identifier: one entry per record it belongs to, or one saying it matches nothing. */
export function explainIdentifiers(identifiers: readonly FoundIdentifier[], records: AssistRecords): Explained[] {
  const explained: Explained[] = [];
  for (const identifier of identifiers) {
    const matches = matchesOf(identifier, records).sort(byCertainty);
    if (matches.length === 0 && isBareYear(identifier)) continue;
    const others = (match: Match) => {
      const orders = matches.filter((other) => other !== match && 'order' in other && other.kind === match.kind).map((other) => ('order' in other ? other.order.number : ''));
      return orders.length > 0 ? `; it also ends ${orders.length === 1 ? 'order' : 'orders'} ${orders.join(', ')}` : '';
    };
    for (const match of matches.length > 0 ? matches : [{ kind: 'unknown' } as const]) {
      const ambiguity = match.kind === 'order_suffix' || match.kind === 'tracking_suffix' ? others(match) : '';
      explained.push({
        identifier,
        match,
        record: recordOf(match, records.customerId),
        explanation: `${identifier.text}: ${describe(identifier, match, records)}${notWhatTheyThink(identifier, match, records)}${ambiguity}.`,
      });
    }
  }
  return explained;
}
