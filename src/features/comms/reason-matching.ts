// Recognising a catalog reason in free text written by people and by other systems, tolerating the small
// variations the exact phrases miss: case, apostrophes and contractions ("couldn't"), word endings
// ("verified" for "verify"), a little word left out or put in ("due to an inventory issue", "lost your
// parcel"). A phrase must still sit inside one clause, in order, and a denied one does not count.
import type { ReasonCatalog } from './reason.schemas.js';

const optionalWords = new Set(['the', 'a', 'an', 'your', 'our', 'this', 'that', 'my', 'its', 'is', 'was', 'has', 'been', 'be', 'were', 'are', 'have', 'had']);
const negators = new Set(['not', 'never', 'no', 'nothing']);

function stem(word: string): string {
  let w = word;
  for (const suffix of ['ing', 'ed', 'es', 's']) {
    if (w.length > suffix.length + 2 && w.endsWith(suffix)) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  return w.replace(/i$/, 'y').replace(/e$/, '');
}

interface Token {
  readonly word: string;
  readonly stem: string;
  /** Index of the clause the token sits in: a phrase never spans two. */
  readonly clause: number;
}

function tokenise(text: string): Token[] {
  const normal = text
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/\bcan'?t\b/g, 'can not')
    .replace(/\bwon'?t\b/g, 'will not')
    .replace(/\b(could|would|should|did|does|do|is|was|were|has|have|had|are)n'?t\b/g, '$1 not')
    .replace(/n't\b/g, ' not');
  const tokens: Token[] = [];
  let clause = 0;
  for (const match of normal.matchAll(/[a-z0-9]+|[.;:!?,\n]/g)) {
    const word = match[0];
    if (/^[.;:!?,\n]$/.test(word)) clause++;
    else tokens.push({ word, stem: stem(word), clause });
  }
  return tokens;
}

interface CompiledPhrase {
  readonly code: string;
  /** Stems of the phrase's words that must appear, in order. */
  readonly required: readonly string[];
}

export interface ReasonMatcher {
  /** The reason codes `text` states (not denies), each once, in order of first appearance. */
  statedReasons(text: string): string[];
}

/** A matcher over the catalog's phrases; build it once and use it for every message. */
export function createReasonMatcher(catalog: ReasonCatalog): ReasonMatcher {
  const byFirst = new Map<string, CompiledPhrase[]>();
  for (const reason of catalog) {
    for (const phrase of reason.phrases) {
      const words = tokenise(phrase);
      const required = words.filter((t) => !optionalWords.has(t.word)).map((t) => t.stem);
      const compiled = { code: reason.code, required: required.length > 0 ? required : words.map((t) => t.stem) };
      const first = compiled.required[0]!;
      byFirst.set(first, [...(byFirst.get(first) ?? []), compiled]);
    }
  }
  // Most messages state no reason: one regular expression of each phrase's longest word (the one least likely
  // to appear by chance, a letter short so "verified" still finds "verify") spares them the tokenising.
  const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const keys = new Set<string>();
  for (const phrases of byFirst.values()) {
    for (const phrase of phrases) {
      const longest = phrase.required.reduce((a, b) => (b.length > a.length ? b : a));
      keys.add(escapeRegExp(longest.slice(0, Math.max(3, longest.length - 1))));
    }
  }
  const mayState = new RegExp(`\\b(?:${[...keys].join('|')})`, 'i');
  const matchesAt = (tokens: readonly Token[], start: number, phrase: CompiledPhrase): boolean => {
    let at = start;
    for (let i = 1; i < phrase.required.length; i++) {
      // At most two words between two words of the phrase ("lost the parcel" → "lost your small parcel").
      let found = -1;
      for (let j = at + 1; j <= at + 3 && j < tokens.length; j++) {
        if (tokens[j]!.clause !== tokens[start]!.clause) break;
        if (tokens[j]!.stem === phrase.required[i]) {
          found = j;
          break;
        }
      }
      if (found < 0) return false;
      at = found;
    }
    return true;
  };
  // "not due to inventory", "nothing to do with the carrier": a negation up to four words before, same clause.
  const denied = (tokens: readonly Token[], start: number): boolean => {
    for (let j = start - 1; j >= 0 && j >= start - 4; j--) {
      if (tokens[j]!.clause !== tokens[start]!.clause) return false;
      if (negators.has(tokens[j]!.stem)) return true;
    }
    return false;
  };
  return {
    statedReasons(text) {
      if (!mayState.test(text)) return [];
      const tokens = tokenise(text);
      const codes: string[] = [];
      tokens.forEach((token, index) => {
        for (const phrase of byFirst.get(token.stem) ?? []) {
          if (codes.includes(phrase.code) || !matchesAt(tokens, index, phrase) || denied(tokens, index)) continue;
          codes.push(phrase.code);
        }
      });
      return codes;
    },
  };
}
