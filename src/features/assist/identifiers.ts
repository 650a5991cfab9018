// Finds the identifiers in a customer's message by their shape, not by English phrasing: amounts (a
// currency sign or code next to a number, either decimal mark), dates (ISO, day.month.year, month/day/year,
// English month names), phone fragments, codes that mix letters and digits (order, tracking and case
// numbers) and runs of digits (a last-4, an order number's suffix). What the customer called each one is read
// from the words just before it, in a few languages; it is a hint, never needed to find the identifier.

/** The longest stretch of a message read; the rest of a very long message is not scanned. */
export const maxScannedChars = 20_000;

export type IdentifierShape = 'amount' | 'date' | 'phone' | 'code' | 'digits';
/** What the customer said the identifier is, from the word before it. */
export type IdentifierLabel = 'card' | 'account' | 'order' | 'tracking' | 'phone' | 'case';

export interface FoundIdentifier {
  /** As written in the message. */
  text: string;
  shape: IdentifierShape;
  start: number;
  label: IdentifierLabel | null;
  /** Its digits only. */
  digits: string;
  /** For an amount: minor units and the currency when the message names one. */
  amount?: { amountMinor: number; currency: string | null };
  /** For a date: every reading of it (a numeric day and month may be either way round). */
  days?: { month: number; day: number; year: number | undefined }[];
}

const currencySigns: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY', '₹': 'INR' };
const currencyCodes = 'USD|EUR|GBP|CHF|SEK|NOK|DKK|PLN|CZK|CAD|AUD|NZD|JPY|INR';
const numberText = String.raw`\d{1,3}(?:[.,'\u00a0 ]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?`;
const amountPattern = new RegExp(String.raw`(?:([$€£¥₹])|\b(${currencyCodes})\b)\s?(${numberText})|(${numberText})\s?(?:([$€£¥₹])|(${currencyCodes})\b)`, 'gu');

const monthPrefixes = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const monthName = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`;
const datePatterns: Array<{ pattern: RegExp; read: (m: RegExpMatchArray) => FoundIdentifier['days'] }> = [
  { pattern: /\b(\d{4})-(\d{1,2})-(\d{1,2})\b/g, read: (m) => [{ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }] },
  {
    // 01.12.2026 and 1/12/2026: the day comes first in most of the world, the month first in the US; both readings are kept.
    pattern: /\b(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})\b/g,
    read: (m) => {
      const a = Number(m[1]);
      const b = Number(m[2]);
      const year = m[3]!.length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
      return [
        { day: a, month: b, year },
        { day: b, month: a, year },
      ];
    },
  },
  {
    pattern: new RegExp(String.raw`\b${monthName}\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?\b`, 'gi'),
    read: (m) => [{ month: monthIndex(m[1]), day: Number(m[2]), year: m[3] ? Number(m[3]) : undefined }],
  },
  {
    pattern: new RegExp(String.raw`\b(\d{1,2})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?${monthName}\b\.?(?:,?\s+(\d{4}))?`, 'gi'),
    read: (m) => [{ day: Number(m[1]), month: monthIndex(m[2]), year: m[3] ? Number(m[3]) : undefined }],
  },
];

function monthIndex(name: string | undefined): number {
  return monthPrefixes.indexOf((name ?? '').slice(0, 3).toLowerCase()) + 1;
}

// An international number, or groups of digits with separators, seven digits or more in all.
const phonePattern = /(?:\+|\b00)\d[\d ()./-]{5,18}\d\b|\b\d{2,5}[ ./-]\d{2,5}[ ./-]\d{2,6}\b/g;
// A token mixing letters and digits (IW-117776, 1Z999AA10123456784, K-1042), or a number with a hash.
const codePattern = /(?<![\p{L}\p{N}_-])#?(?=[\p{L}\p{N}-]*\p{L})(?=[\p{L}\p{N}-]*\d)[\p{L}\p{N}][\p{L}\p{N}-]*[\p{L}\p{N}](?![\p{L}\p{N}_])|#\d{2,}\b/gu;
// Units and ordinals are not identifiers: 3rd, 10am, 5kg, 2x.
const notACode = /^\d+(?:st|nd|rd|th|am|pm|h|hrs?|min|s|kg|g|cm|mm|m|km|ml|l|x|gb|mb|tb|er|e|ème|te|ste)$/i;
const digitsPattern = /(?<![\p{L}\p{N}.,])\d{3,}(?![\p{L}\p{N}])/gu;

const labelWords: Array<{ label: IdentifierLabel; words: string[] }> = [
  { label: 'card', words: ['card', 'credit card', 'debit card', 'visa', 'mastercard', 'amex', 'maestro', 'carte', 'karte', 'kreditkarte', 'tarjeta', 'kaart', 'carta', 'cartão'] },
  { label: 'account', words: ['account', 'konto', 'compte', 'cuenta', 'rekening', 'conto', 'conta', 'iban'] },
  { label: 'order', words: ['order', 'bestellung', 'auftrag', 'commande', 'pedido', 'bestelling', 'ordine', 'encomenda'] },
  { label: 'tracking', words: ['tracking', 'parcel', 'shipment', 'sendung', 'sendungsnummer', 'paket', 'suivi', 'colis', 'seguimiento', 'envío', 'pakket', 'spedizione'] },
  { label: 'phone', words: ['phone', 'mobile', 'cell', 'telefon', 'handy', 'téléphone', 'portable', 'teléfono', 'móvil', 'telefoon', 'telefono'] },
  { label: 'case', words: ['case', 'ticket', 'claim', 'reference', 'ref', 'reklamation', 'dossier', 'réclamation', 'reclamación', 'caso', 'zaak'] },
];
const labelPattern = new RegExp(
  `(?<![\\p{L}])(${labelWords
    .flatMap((entry) => entry.words)
    .sort((a, b) => b.length - a.length)
    .join('|')})(?![\\p{L}])`,
  'giu',
);
const labelByWord = new Map(labelWords.flatMap((entry) => entry.words.map((word) => [word, entry.label] as const)));
const labelReach = 40;

// The nearest label word before the identifier, within its sentence and a few words, and after the identifier
// before it: in "Konto 7776 and 120,00 €" the word names the 7776, not the amount.
function labelBefore(text: string, start: number, from: number): IdentifierLabel | null {
  const before = text.slice(Math.max(from, start - labelReach), start);
  const stop = Math.max(before.lastIndexOf('. '), before.lastIndexOf('\n'), before.lastIndexOf('! '), before.lastIndexOf('? '));
  const window = stop >= 0 ? before.slice(stop + 1) : before;
  let found: IdentifierLabel | null = null;
  for (const match of window.matchAll(labelPattern)) found = labelByWord.get(match[1]!.toLowerCase()) ?? found;
  return found;
}

function parseNumber(text: string): number {
  // The last separator followed by one or two digits is the decimal mark (120,50 or 120.50); the rest group thousands.
  const decimal = /[.,](\d{1,2})$/.exec(text);
  const whole = (decimal ? text.slice(0, decimal.index) : text).replace(/\D/g, '');
  const cents = decimal ? decimal[1]!.padEnd(2, '0') : '00';
  return Number(whole) * 100 + Number(cents);
}

/** Every identifier in the text, in the order they appear; each character belongs to one identifier at most. */
export function findIdentifiers(input: string): FoundIdentifier[] {
  const text = input.slice(0, maxScannedChars);
  const taken: Array<[number, number]> = [];
  const found: FoundIdentifier[] = [];
  const free = (start: number, end: number) => !taken.some(([a, b]) => start < b && end > a);
  const add = (identifier: Omit<FoundIdentifier, 'label' | 'digits'>) => {
    const end = identifier.start + identifier.text.length;
    if (!free(identifier.start, end)) return;
    taken.push([identifier.start, end]);
    found.push({ ...identifier, label: null, digits: identifier.text.replace(/\D/g, '') });
  };

  for (const match of text.matchAll(amountPattern)) {
    const sign = match[1] ?? match[5];
    const code = match[2] ?? match[6];
    const currency = sign ? (currencySigns[sign] ?? null) : (code ?? null);
    add({ text: match[0].trim(), shape: 'amount', start: match.index, amount: { amountMinor: parseNumber((match[3] ?? match[4] ?? '').trim()), currency } });
  }
  for (const { pattern, read } of datePatterns) {
    for (const match of text.matchAll(pattern)) {
      const days = (read(match) ?? []).filter((day) => day.month >= 1 && day.month <= 12 && day.day >= 1 && day.day <= 31);
      if (days.length > 0) add({ text: match[0].trim(), shape: 'date', start: match.index, days });
    }
  }
  for (const match of text.matchAll(phonePattern)) {
    if (match[0].replace(/\D/g, '').length >= 7) add({ text: match[0].trim(), shape: 'phone', start: match.index });
  }
  for (const match of text.matchAll(codePattern)) {
    if (match[0].length >= 3 && !notACode.test(match[0])) add({ text: match[0], shape: 'code', start: match.index });
  }
  for (const match of text.matchAll(digitsPattern)) add({ text: match[0], shape: 'digits', start: match.index });
  found.sort((a, b) => a.start - b.start);
  return found.map((identifier, index) => {
    const previous = found[index - 1];
    return { ...identifier, label: labelBefore(text, identifier.start, previous ? previous.start + previous.text.length : 0) };
  });
}
