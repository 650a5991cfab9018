// canonicalJson must give what JSON.stringify(JSON.parse(text)) gives for any JSON the database writes:
// compact row_to_json text with jsonb values printed with spaces inside it.
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';

/** JSON as jsonb prints it: ", " between items and ": " after keys. */
function spaced(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(spaced).join(', ')}]`;
  if (value && typeof value === 'object')
    return `{${Object.entries(value)
      .map(([key, inner]) => `${JSON.stringify(key)}: ${spaced(inner)}`)
      .join(', ')}}`;
  return JSON.stringify(value);
}

const expected = (text: string) => JSON.stringify(JSON.parse(text));

describe('canonicalJson', () => {
  it('drops the spaces jsonb prints between tokens and keeps those inside strings', () => {
    const text = `{"id":"c1","details":${spaced({ phrase: 'We will call, say: "tomorrow", ok', vague: false, promise: { due_at: '2026-12-01T17:00:00.000Z', owner: null } })},"n":[1, 2]}`;
    expect(canonicalJson(text)).toBe(expected(text));
    expect(canonicalJson(text)).not.toContain(', "');
  });

  it('returns compact text as it is', () => {
    const text = '{"a":"x y","b":[0.2,-0.26,3],"c":{"d":true,"e":null}}';
    expect(canonicalJson(text)).toBe(text);
  });

  it('finds the end of strings that end in backslashes', () => {
    for (const value of ['a\\', 'a\\\\', '\\"', '", "', 'ends with quote"', '\\', '\u0001\t\n']) {
      const text = spaced({ value, after: [1, 2], [value]: 'key' });
      expect(canonicalJson(text)).toBe(expected(text));
    }
  });

  it('writes numbers as JavaScript does where the database wrote them otherwise', () => {
    for (const number of ['0.0000001', '1000000000000000000000', '1e-05', '1.0', '-0', '12345678901234567890', '0.30000000000000004', '1E3']) {
      const text = `{"weight": ${number}, "list": [${number}, 1]}`;
      expect(canonicalJson(text)).toBe(expected(text));
    }
  });

  it('orders integer keys as a JavaScript object does', () => {
    const text = '{"b": 1, "10": 2, "9": 3, "x": {"2": [], "1": {}}}';
    expect(canonicalJson(text)).toBe(expected(text));
    expect(canonicalJson(text)).toBe('{"9":3,"10":2,"b":1,"x":{"1":{},"2":[]}}');
  });

  it('agrees with parse and stringify on many generated values', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const pieces = ['a', ' ', ',', ':', '"', '\\', '\n', 'é', '1', '{', ']'];
    const text = () => Array.from({ length: Math.floor(random() * 6) }, () => pieces[Math.floor(random() * pieces.length)]).join('');
    const value = (depth: number): unknown => {
      const pick = random();
      if (depth > 3 || pick < 0.3) return [text(), Math.round(random() * 1000) / 100, -Math.floor(random() * 50), true, false, null, random() * 1e-7, random() * 1e22][Math.floor(random() * 8)];
      if (pick < 0.6) return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
      return Object.fromEntries(Array.from({ length: Math.floor(random() * 4) }, () => [random() < 0.1 ? String(Math.floor(random() * 20)) : text(), value(depth + 1)]));
    };
    for (let round = 0; round < 2000; round += 1) {
      const input = spaced(value(0));
      expect(canonicalJson(input)).toBe(expected(input));
    }
  });
});
