// Turns wink-nlp clauses into lower-case text that readable regular expressions can be written against,
// keeping a map back to the tokens so a rule can ask whether a matched word sits in a negation's scope.
import type { Clause, Token } from './text-analysis.js';

/** Chat spellings customers use, read as the words they stand for. */
const chatSpellings: Readonly<Record<string, string>> = {
  u: 'you',
  ur: 'your',
  im: 'i am',
  "i'm": 'i am',
  "we're": 'we are',
  "i've": 'i have',
  ive: 'i have',
  ill: 'i will',
  plz: 'please',
  pls: 'please',
  speek: 'speak',
  spek: 'speak',
  tlak: 'talk',
  wanna: 'want to',
  dont: 'do not',
  wont: 'will not',
  cant: 'can not',
  cannot: 'can not',
  "'d": 'would',
  "'ll": 'will',
  "'m": 'am',
  "'re": 'are',
  "'ve": 'have',
  "n't": 'not',
};

export interface ClauseText {
  /** Words joined by single spaces, with a leading and trailing space so `/ word /` matches at either end. */
  readonly text: string;
  readonly tokens: readonly Token[];
  /** For each token, where its word starts in `text`. */
  readonly starts: readonly number[];
}

/**
 * Builds the searchable text of one clause; punctuation is dropped. `rewrite` may replace a word by the
 * one it stands for (a typo by its intended word) before the rules see it.
 */
export function toClauseText(clause: Clause, rewrite: (word: string) => string = (word) => word): ClauseText {
  let text = ' ';
  const tokens: Token[] = [];
  const starts: number[] = [];
  for (const token of clause) {
    if (token.pos === 'PUNCT' || /^[^\p{L}\p{N}']+$/u.test(token.normal)) continue;
    const word = chatSpellings[token.normal] ?? rewrite(token.normal);
    tokens.push(token);
    starts.push(text.length);
    text += `${word} `;
  }
  return { text, tokens, starts };
}

/** The tokens whose words overlap the character span [from, to) of the clause text. */
export function tokensInSpan(clause: ClauseText, from: number, to: number): Token[] {
  const found: Token[] = [];
  clause.starts.forEach((start, i) => {
    if (start < to && start >= from - 1) found.push(clause.tokens[i]!);
  });
  return found;
}
