// Turns a message into the features the intent model weighs: words, word pairs and triples, words inside a
// negation's reach ("not ... leaving"), and letter groups of longer words so a typo ("manger", "supervsior")
// still shares most of its features with the word meant. Each feature is hashed into a fixed number of
// buckets and remembers the words it came from, so a detection can say which words weighed most.

/** Bumped whenever the features change: weights trained on other features are stale. */
export const FEATURE_VERSION = 1;
export const HASH_BITS = 18;
const mask = (1 << HASH_BITS) - 1;

const contractions: ReadonlyArray<[RegExp, string]> = [
  [/\bwon'?t\b/g, 'will not'],
  [/\bcan'?t\b/g, 'can not'],
  [/\bcannot\b/g, 'can not'],
  [/\b(do|does|did|is|are|was|were|have|has|had|would|should|could|need)n'?t\b/g, '$1 not'],
  [/n't\b/g, ' not'],
  [/\bi'?m\b/g, 'i am'],
  [/'ll\b/g, ' will'],
  [/'re\b/g, ' are'],
  [/'ve\b/g, ' have'],
  [/\bi'd\b/g, 'i would'],
  [/\b(u)\b/g, 'you'],
  [/\b(ur)\b/g, 'your'],
  [/\b(pls|plz|pleas)\b/g, 'please'],
  [/\b(thx|thanx)\b/g, 'thanks'],
];

/** Lower case, one kind of apostrophe, contractions and text-speak spelt out. */
export function normaliseText(text: string): string {
  let out = text.toLowerCase().replace(/[’‘`]/g, "'");
  for (const [pattern, replacement] of contractions) out = out.replace(pattern, replacement);
  return out;
}

export function tokenise(text: string): string[] {
  return normaliseText(text).match(/[a-z0-9]+|[?!]/g) ?? [];
}

const negators = new Set(['not', 'never', 'no', 'without', 'nothing']);

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) & mask;
}

export interface FeatureVector {
  /** Bucket indices, one per feature occurrence (a bucket may repeat). */
  readonly buckets: Int32Array;
  /** The words each feature came from, by the same position. */
  readonly sources: readonly string[];
  /** 1 / sqrt(feature count): every message weighs the same whatever its length. */
  readonly scale: number;
}

/** The hashed features of one stretch of text. */
export function extractFeatures(text: string): FeatureVector {
  const tokens = tokenise(text);
  const buckets: number[] = [];
  const sources: string[] = [];
  const add = (feature: string, source: string) => {
    buckets.push(fnv1a(feature));
    sources.push(source);
  };
  let negatedFor = 0;
  for (let i = 0; i < tokens.length; i++) {
    const word = tokens[i]!;
    add(`w ${word}`, word);
    if (negatedFor > 0) {
      add(`n ${word}`, word);
      negatedFor--;
    }
    if (negators.has(word)) negatedFor = 3;
    const next = tokens[i + 1];
    if (next !== undefined) {
      add(`b ${word} ${next}`, `${word} ${next}`);
      const third = tokens[i + 2];
      if (third !== undefined) add(`t ${word} ${next} ${third}`, `${word} ${next} ${third}`);
    }
    if (word.length >= 5) {
      const padded = `<${word}>`;
      for (let j = 0; j + 4 <= padded.length; j++) add(`c ${padded.slice(j, j + 4)}`, word);
    }
  }
  return { buckets: Int32Array.from(buckets), sources, scale: buckets.length === 0 ? 0 : 1 / Math.sqrt(buckets.length) };
}

/** Splits a message into sentences (at . ! ? and line breaks), the unit an intent is usually said in. */
export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((sentence) => sentence.trim())
    .filter((sentence) => /[a-z0-9]/i.test(sentence));
}
