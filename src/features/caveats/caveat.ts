// Product caveats, the pure rules: which caveats an order's items carry, when each is due, whether a
// message states one in plain words, and the words of Kept's own disclosure.
import { DateTime } from 'luxon';
import type { Caveat, CaveatDuration } from './caveat.schemas.js';

/** Bounds on what an order may carry: beyond them, items and caveats are not read. */
const maxItems = 200;
const maxCaveatsPerItem = 10;
/** The longest stretch of a message read for a caveat's words. */
const maxReadChars = 50_000;

export interface ItemCaveat {
  itemIndex: number;
  code: string;
  /** The item's own wording, when the shop gave one; the catalog's text otherwise. */
  text: string | null;
  item: Record<string, unknown>;
}

/** The caveats on an order's items: `items[i].caveats: [{code, text?}]`; anything else is ignored. */
export function caveatsOfItems(items: readonly unknown[]): ItemCaveat[] {
  const found: ItemCaveat[] = [];
  items.slice(0, maxItems).forEach((item, itemIndex) => {
    if (!item || typeof item !== 'object') return;
    const record = item as Record<string, unknown>;
    const caveats = Array.isArray(record['caveats']) ? record['caveats'].slice(0, maxCaveatsPerItem) : [];
    for (const caveat of caveats) {
      if (!caveat || typeof caveat !== 'object') continue;
      const { code, text } = caveat as { code?: unknown; text?: unknown };
      if (typeof code !== 'string' || code.length === 0) continue;
      found.push({ itemIndex, code, text: typeof text === 'string' && text.trim().length > 0 ? text.trim().slice(0, 2_000) : null, item: record });
    }
  });
  return found;
}

export function durationMs(duration: CaveatDuration): number {
  if ('minutes' in duration) return duration.minutes * 60_000;
  if ('hours' in duration) return duration.hours * 3_600_000;
  return duration.days * 86_400_000;
}

/**
 * When owed information is due: `days_before` the item's date field, at the start of that day in the
 * customer's zone. Null when the item has no such date.
 */
export function infoDueAt(options: { item: Record<string, unknown>; due: NonNullable<Caveat['info']>['due']; zone: string }): Date | null {
  const value = options.item[options.due.field.slice('item.'.length)];
  if (typeof value !== 'string') return null;
  const date = DateTime.fromISO(value, { zone: options.zone });
  if (!date.isValid) return null;
  return date.startOf('day').minus({ days: options.due.days_before }).toJSDate();
}

const plain = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** Whether a message states any of the phrases, whatever its punctuation, case and line breaks. */
export function statesAny(text: string, phrases: readonly string[]): boolean {
  const read = ` ${plain(text.slice(0, maxReadChars))} `;
  return phrases.some((phrase) => plain(phrase).length > 0 && read.includes(` ${plain(phrase)} `));
}

/** The words that state a caveat: its text (the item's own, and the catalog's) and the catalog's phrases. */
export function caveatPhrases(caveat: Caveat, itemText: string | null): string[] {
  return [caveat.text, ...(itemText ? [itemText] : []), ...caveat.phrases];
}

export function infoPhrases(info: NonNullable<Caveat['info']>): string[] {
  return info.phrases.length > 0 ? info.phrases : [info.what];
}

/** Kept's own disclosure: the caveat in the catalog's words, and when the owed information will come. */
export function disclosureMessage(options: { orderNumber: string; text: string; info: { what: string; dueAt: Date } | null; zone: string; statusUrl: string }): { subject: string; body: string } {
  const lines = [`Something to know about your order ${options.orderNumber}:`, '', options.text];
  if (options.info) {
    const day = DateTime.fromJSDate(options.info.dueAt).setZone(options.zone).setLocale('en-US').toFormat('d MMMM yyyy');
    lines.push('', `We will send you the ${options.info.what} by ${day}.`);
  }
  lines.push('', `Your order's status page: ${options.statusUrl}`);
  return { subject: `About your order ${options.orderNumber}`, body: lines.join('\n') };
}
