// The words that name a kind of value in a message ("card ending in", "order number", "tracking").
// Templates are checked against them when they load, and the fact audit reads claims with them.
import type { VariableKind } from './template.schemas.js';

interface LabelNoun {
  kind: VariableKind;
  /** Regular-expression source for the noun, matched on word boundaries. */
  noun: string;
}

const labelNouns: LabelNoun[] = [
  { kind: 'CardLast4', noun: '(?:credit\\s+|debit\\s+|payment\\s+)?card|visa|mastercard|amex' },
  { kind: 'AccountLast4', noun: '(?:bank\\s+|store\\s+|credit\\s+)?account' },
  { kind: 'TrackingNumber', noun: 'tracking|shipment|consignment' },
  { kind: 'OrderNumber', noun: 'order' },
  { kind: 'Money', noun: 'amount|total|refund\\s+of|credit\\s+of|price|sum|charge\\s+of' },
  { kind: 'Date', noun: 'date' },
];

// Words that may sit between a label and its value without changing what the label names.
const filler = '(?:\\s*(?:number|no\\.?|#|ending|ends|in|with|is|was|reference|ref\\.?|code|id|:|-|x{2,}|\\*{2,}|•{2,}))*\\s*';

const labelAtEnd = new RegExp(`\\b(${labelNouns.map((label) => `(?:${label.noun})`).join('|')})\\b${filler}$`, 'i');

export interface KindLabel {
  kind: VariableKind;
  /** The label as written, e.g. "card ending in". */
  text: string;
}

function kindOfNoun(noun: string): VariableKind | undefined {
  return labelNouns.find((label) => new RegExp(`^(?:${label.noun})$`, 'i').test(noun))?.kind;
}

/**
 * The label that stands right before a value, when the words just before it name a kind:
 * "your card ending in " → CardLast4; "order #" → OrderNumber; "Hello " → none.
 */
export function findLabelBefore(textBefore: string): KindLabel | undefined {
  const match = labelAtEnd.exec(textBefore);
  if (!match?.[1]) return undefined;
  const kind = kindOfNoun(match[1]);
  return kind ? { kind, text: match[0].trim() } : undefined;
}

const kindNames: Record<VariableKind, string> = {
  OrderNumber: 'an order number',
  CardLast4: "a card's last 4 digits",
  AccountLast4: "an account's last 4 digits",
  Money: 'an amount of money',
  Date: 'a date',
  TrackingNumber: 'a tracking number',
  PersonName: "a person's name",
  Reason: 'a reason',
  Link: 'a link',
  Text: 'free text',
};

/** How a kind reads in an error or finding. */
export function describeKind(kind: VariableKind): string {
  return kindNames[kind];
}
