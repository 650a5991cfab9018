// Search, the pure part: reading the query (bounded, escaped for LIKE, turned into a tsquery of its words,
// the last one a prefix as it is being typed) and finding what matched in a text, as character ranges the
// console marks.

/** The longest query read; the rest is ignored. */
export const maxQueryChars = 200;
const maxWords = 8;

export type SearchType = 'customer' | 'order' | 'case' | 'message';

export interface ParsedQuery {
  /** As typed, trimmed and bounded. */
  text: string;
  /** For `ILIKE '%…%'`: the text with %, _ and \ escaped. */
  like: string;
  /** The text reversed, then escaped: `reverse(value) LIKE '…%'` finds the values that end in the text. */
  reversedLike: string;
  /** For `to_tsquery('simple', …)`: every word required, the last also as a prefix; null when the query has no word. */
  tsquery: string | null;
  /**
   * Whether the text has three letters or digits in a row. Without, a trigram index has nothing to look up
   * and reads itself whole, so only what begins with the text is searched (a name, an address, an order).
   */
  trigrams: boolean;
  /** The case number the query names (`K-12`, `12`), if any. */
  caseNumber: number | null;
  /** Only the digits, when the query is mostly digits (a partial identifier). */
  digits: string | null;
}

export function parseQuery(raw: string): ParsedQuery {
  const text = raw.trim().slice(0, maxQueryChars);
  const words = [...text.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)].map((match) => match[0]).slice(0, maxWords);
  const caseMatch = /^(?:k-?)?(\d{1,9})$/i.exec(text);
  const digits = text.replace(/\D/g, '');
  return {
    text,
    like: escapeLike(text),
    reversedLike: escapeLike([...text].reverse().join('')),
    // The last word, the one being typed, also finds longer words it begins when it has three letters or more
    // ("crack" finds "cracked"; "k" would match half the dictionary). Only the last: a prefix is read from the
    // index as the union of every word it begins, whole, where a word is read only as far as the others need.
    tsquery: words.length > 0 ? words.map((word, index) => (index === words.length - 1 && word.length >= 3 ? `${word}:*` : word)).join(' & ') : null,
    trigrams: /[\p{L}\p{N}]{3}/u.test(text),
    caseNumber: caseMatch ? Number(caseMatch[1]) : null,
    digits: digits.length >= 3 && digits.length >= text.replace(/[\s#-]/g, '').length - 1 ? digits : null,
  };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

function occurrences(lower: string, needle: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (let at = lower.indexOf(needle); at >= 0 && ranges.length < 20; at = lower.indexOf(needle, at + needle.length)) ranges.push([at, at + needle.length]);
  return ranges;
}

/** Where the query occurs in a text, case-insensitively; else where each of its words does. */
export function findRanges(text: string, query: string): Array<[number, number]> {
  const lower = text.toLowerCase();
  const whole = query.trim().toLowerCase();
  const exact = whole ? occurrences(lower, whole) : [];
  if (exact.length > 0) return exact;
  const words = (whole.match(/[\p{L}\p{N}]+/gu) ?? []).flatMap((word) => occurrences(lower, word));
  return words.sort((a, b) => a[0] - b[0]).filter((range, index, all) => index === 0 || range[0] >= all[index - 1]![1]);
}

/** The database's headline marks (\u0002 … \u0003) turned into plain text and ranges. */
export function readHeadline(headline: string): { text: string; ranges: Array<[number, number]> } {
  let text = '';
  const ranges: Array<[number, number]> = [];
  let open = -1;
  for (const char of headline) {
    if (char === '\u0002') open = text.length;
    else if (char === '\u0003') {
      if (open >= 0) ranges.push([open, text.length]);
      open = -1;
    } else text += char;
  }
  return { text, ranges };
}
