// The JSON text Kept sends for a view the database wrote (src/db/json-view.ts): exactly what
// JSON.stringify(JSON.parse(text)) gives, mostly without parsing. The database's text differs from it only
// by the spaces jsonb prints between tokens, so those are dropped; where a parse would change more — a
// number JavaScript writes differently (1e-7 stored as 0.0000001, digits past a double's precision) or an
// object key that is an integer (JavaScript puts those first) — the text goes through parse and stringify.

const quote = 34;
const backslash = 92;
const space = 32;
const colon = 58;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isNumberStart(code: number): boolean {
  return code === 45 || isDigit(code);
}

function isNumberPart(code: number): boolean {
  // Digits, '.', 'e', 'E', '+', '-'.
  return (code >= 48 && code <= 57) || code === 46 || code === 101 || code === 69 || code === 43 || code === 45;
}

/** The index just past the string whose opening quote is before `from`. */
function endOfString(text: string, from: number): number {
  let at = from;
  for (;;) {
    const end = text.indexOf('"', at);
    if (end < 0) return text.length;
    let slashes = 0;
    while (text.charCodeAt(end - 1 - slashes) === backslash) slashes += 1;
    // An even run of backslashes escapes itself, not the quote.
    if (slashes % 2 === 0) return end + 1;
    at = end + 1;
  }
}

function throughParse(text: string): string {
  return JSON.stringify(JSON.parse(text));
}

/** `JSON.stringify(JSON.parse(text))` for the JSON text of a view; text that is not JSON is not checked on the quick path. */
export function canonicalJson(text: string): string {
  let compact = '';
  let copiedTo = 0;
  let at = 0;
  while (at < text.length) {
    const code = text.charCodeAt(at);
    if (code === quote) {
      const start = at;
      at = endOfString(text, at + 1);
      if (isDigit(text.charCodeAt(start + 1))) {
        const isKey = text.charCodeAt(at) === colon || (text.charCodeAt(at) === space && text.charCodeAt(at + 1) === colon);
        if (isKey && /^"[0-9]+"$/.test(text.slice(start, at))) return throughParse(text);
      }
    } else if (code === space) {
      compact += text.slice(copiedTo, at);
      at += 1;
      copiedTo = at;
    } else if (isNumberStart(code)) {
      const start = at;
      at += 1;
      while (at < text.length && isNumberPart(text.charCodeAt(at))) at += 1;
      const token = text.slice(start, at);
      if (String(Number(token)) !== token) return throughParse(text);
    } else if (code === 9 || code === 10 || code === 13) {
      // Other whitespace between tokens: not what the database writes, so let JSON.parse judge it.
      return throughParse(text);
    } else {
      at += 1;
    }
  }
  if (copiedTo === 0) return text;
  return compact + text.slice(copiedTo);
}
