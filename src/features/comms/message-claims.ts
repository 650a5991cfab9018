// Finds the factual claims in a message: last-4 digits with the label around them, order and tracking
// numbers, amounts and dates with what they are said to be. The audit checks each against the records.
import { DateTime } from 'luxon';
import type { DateKind } from './facts.schemas.js';

/** `other` is a number the message itself says is something else: a claim reference, a ticket. */
export type Last4Label = 'card' | 'account' | 'order' | 'tracking' | 'other' | 'unlabelled';

export type Claim =
  | { type: 'last4'; label: Last4Label; digits: string; quote: string }
  | { type: 'order_number'; number: string; quote: string }
  | { type: 'tracking_number'; number: string; quote: string }
  | { type: 'amount'; amountMinor: number; currency: string; quote: string }
  | { type: 'date'; kind: DateKind; month: number; day: number; year: number | undefined; quote: string };

interface Sentence {
  text: string;
  start: number;
}

// Sentences end at . ! ? before a space or a line break: not inside 19.99, nor after the abbreviation "no.".
function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  const boundary = /(?<!\bno)[.!?](?=\s|$)|\n+/gi;
  let start = 0;
  for (const match of text.matchAll(boundary)) {
    sentences.push({ text: text.slice(start, match.index), start });
    start = match.index + match[0].length;
  }
  sentences.push({ text: text.slice(start), start });
  return sentences.filter((sentence) => sentence.text.trim().length > 0);
}

const labelNouns: Array<{ label: Last4Label; pattern: RegExp }> = [
  { label: 'card', pattern: /\b(?:card|visa|mastercard|amex|maestro)\b/gi },
  { label: 'account', pattern: /\baccount\b/gi },
  { label: 'order', pattern: /\border\b/gi },
  { label: 'tracking', pattern: /\b(?:tracking|parcel number|shipment)\b/gi },
  { label: 'other', pattern: /\b(?:reference|claim|ticket|invoice|case|receipt|phone|postcode|zip)\b/gi },
];

function nounsIn(text: string, offset: number): Array<{ label: Last4Label; index: number }> {
  return labelNouns.flatMap(({ label, pattern }) => [...text.matchAll(pattern)].map((match) => ({ label, index: match.index + offset })));
}

// The label of a last-4: the nearest kind noun before it in its sentence, else the nearest after it
// ("the number ending in 7776 is our internal order number").
function labelOf(sentence: Sentence, claimStart: number, claimEnd: number): Last4Label {
  const nouns = nounsIn(sentence.text, sentence.start);
  const before = nouns.filter((noun) => noun.index < claimStart && claimStart - noun.index <= 45).sort((a, b) => b.index - a.index)[0];
  if (before) return before.label;
  const after = nouns.filter((noun) => noun.index >= claimEnd).sort((a, b) => a.index - b.index)[0];
  return after?.label ?? 'unlabelled';
}

const last4Patterns = [
  /\b(?:ending|ends|ended)\s+(?:in\s+|with\s+)?[:#]?\s*(\d{4})\b/gi,
  /(?:\bx{2,}|\*{2,}|•{2,})[\s-]?(\d{4})\b/gi,
  /\blast\s+(?:four|4)(?:\s+digits)?\b[^.\d]{0,30}?(\d{4})\b/gi,
  /\b(?:card|account)\s+(?:number\s+)?[:#]?\s*(\d{4})\b/gi,
];

function findLast4(sentence: Sentence): Claim[] {
  const seen = new Set<number>();
  const claims: Claim[] = [];
  for (const pattern of last4Patterns) {
    for (const match of sentence.text.matchAll(pattern)) {
      const digits = match[1] ?? '';
      const at = sentence.start + match.index + match[0].length - digits.length;
      if (seen.has(at)) continue;
      seen.add(at);
      const label = labelOf(sentence, sentence.start + match.index, at + 4);
      // The quote shows the label: some 25 characters before the digits, widened to a whole word.
      let quoteStart = Math.max(0, match.index - 25);
      while (quoteStart > 0 && /\S/.test(sentence.text.charAt(quoteStart - 1))) quoteStart -= 1;
      claims.push({ type: 'last4', label, digits, quote: sentence.text.slice(quoteStart, match.index + match[0].length).trim() });
    }
  }
  return claims;
}

const orderPattern = /\border\s*(?:number|no\.?|#|ref(?:erence)?)?\s*[:#]?\s*(#?(?=[A-Z0-9-]*\d{3})[A-Z]{0,4}-?\d[A-Z0-9-]*)\b/gi;
const trackingPattern = /\btracking\s*(?:number|no\.?|#|code|id)?(?:\s+for\s+(?:order\s+)?#?[A-Z0-9-]+)?\s*(?:is\s+)?[:#]?\s*((?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{5,39})\b/gi;

const symbols: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP' };
const amountPattern = /(?:([$€£])\s?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{2}))?)|(?:\b(USD|EUR|GBP|CAD|AUD)\s?(\d+)(?:\.(\d{2}))?\b)|(?:\b(\d+)(?:\.(\d{2}))?\s?(USD|EUR|GBP|CAD|AUD)\b)/g;
// An amount is a claim about the customer's money when the sentence speaks of money moving or of an order.
const moneyCue = /\b(?:refund\w*|charg\w*|paid|pay\w*|total|credit\w*|amount|cost|price|billed|bill|order)\b/i;
// "orders over £50 ship free" states a threshold, not an amount of this customer's.
const threshold = /\b(?:over|under|above|below|more than|less than|up to|at least|from)\s*$/i;

function findAmounts(sentence: Sentence): Claim[] {
  if (!moneyCue.test(sentence.text)) return [];
  const matches = [...sentence.text.matchAll(amountPattern)].filter((match) => !threshold.test(sentence.text.slice(0, match.index)));
  return matches.map((match) => {
    const currency = match[1] ? (symbols[match[1]] ?? 'USD') : (match[4] ?? match[9] ?? 'USD');
    const whole = (match[2] ?? match[5] ?? match[7] ?? '0').replace(/,/g, '');
    const cents = match[3] ?? match[6] ?? match[8] ?? '00';
    return { type: 'amount', amountMinor: Number(whole) * 100 + Number(cents), currency, quote: match[0] } as const;
  });
}

const monthNames = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const datePatterns: Array<{ pattern: RegExp; read: (match: RegExpMatchArray) => { month: number; day: number; year: number | undefined } }> = [
  {
    pattern: new RegExp(`\\b(${monthNames})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?\\b`, 'gi'),
    read: (match) => ({ month: monthOf(match[1]), day: Number(match[2]), year: match[3] ? Number(match[3]) : undefined }),
  },
  {
    pattern: new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(${monthNames})\\b\\.?(?:,?\\s+(\\d{4}))?`, 'gi'),
    read: (match) => ({ month: monthOf(match[2]), day: Number(match[1]), year: match[3] ? Number(match[3]) : undefined }),
  },
  {
    pattern: /\b(\d{4})-(\d{2})-(\d{2})\b/g,
    read: (match) => ({ month: Number(match[2]), day: Number(match[3]), year: Number(match[1]) }),
  },
  {
    pattern: /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/g,
    read: (match) => ({ month: Number(match[1]), day: Number(match[2]), year: Number(match[3]) }),
  },
];

function monthOf(name: string | undefined): number {
  return DateTime.fromFormat((name ?? '').slice(0, 3), 'LLL', { locale: 'en-US' }).month;
}

// What a date is said to be, from the words just before it. Checked in this order: "delivery date" is an ETA, not a delivery.
const dateCues: Array<{ kind: DateKind; pattern: RegExp }> = [
  { kind: 'eta', pattern: /\b(?:arriv\w*|expect\w*|estimated|eta|delivery date|deliver(?:ed)? by|due (?:on|by)|now by|will be delivered)\b/i },
  { kind: 'delivered', pattern: /\bdelivered\b/i },
  { kind: 'shipped', pattern: /\b(?:shipped|dispatched|sent out|left our warehouse)\b/i },
  { kind: 'placed', pattern: /\b(?:placed|ordered|made your order|order date)\b/i },
  { kind: 'cancelled', pattern: /\b(?:cancell?ed|cancell?ation)\b/i },
  { kind: 'refunded', pattern: /\brefund\w*\b/i },
  { kind: 'credited', pattern: /\b(?:credit\w*|reached your|landed in|went into|paid into)\b/i },
];

// The cue nearest before the date names it: "shipped on November 18 and is expected on November 27".
function nearestCue(before: string): { kind: DateKind } | undefined {
  let nearest: { kind: DateKind; end: number } | undefined;
  for (const { kind, pattern } of dateCues) {
    for (const match of before.matchAll(new RegExp(pattern.source, 'gi'))) {
      const end = match.index + match[0].length;
      // Ties go to the earlier entry of dateCues: "delivery date" is an ETA before it is a delivery.
      if (!nearest || end > nearest.end) nearest = { kind, end };
    }
  }
  return nearest;
}

function findDates(sentence: Sentence): Claim[] {
  const claims: Claim[] = [];
  for (const { pattern, read } of datePatterns) {
    for (const match of sentence.text.matchAll(pattern)) {
      const cue = nearestCue(sentence.text.slice(0, match.index));
      const date = read(match);
      if (!cue || !Number.isFinite(date.month) || date.month < 1) continue;
      claims.push({ type: 'date', kind: cue.kind, ...date, quote: match[0] });
    }
  }
  return claims;
}

/** Every checkable claim in a message, sentence by sentence. */
export function findClaims(text: string): Claim[] {
  const claims: Claim[] = [];
  for (const sentence of splitSentences(text)) {
    claims.push(...findLast4(sentence));
    for (const match of sentence.text.matchAll(orderPattern)) {
      claims.push({ type: 'order_number', number: match[1] ?? '', quote: match[0] });
    }
    for (const match of sentence.text.matchAll(trackingPattern)) {
      claims.push({ type: 'tracking_number', number: match[1] ?? '', quote: match[0] });
    }
    claims.push(...findAmounts(sentence), ...findDates(sentence));
  }
  return claims;
}
