// Reads a customer message into sentences, clauses and tokens with wink-nlp's English model, so the
// intent rules can look at words, lemmas, parts of speech and negation scope instead of raw strings.
import { createRequire } from 'node:module';
import type winkNLP from 'wink-nlp';
import type { ItemSentence, ItsFunction } from 'wink-nlp';
import type model from 'wink-eng-lite-web-model';

export interface Token {
  /** Lower-cased form with contractions expanded (`n't` → `not`, `'ll` → `will`). */
  readonly normal: string;
  readonly lemma: string;
  readonly pos: string;
  /** True when wink-nlp places the token inside the scope of a negation ("not", "never", "no"). */
  readonly negated: boolean;
}

/** A stretch of a sentence between commas, semicolons, dashes or "but": the unit negation is judged in. */
export type Clause = readonly Token[];

export interface Sentence {
  readonly text: string;
  readonly tokens: readonly Token[];
  readonly clauses: readonly Clause[];
  readonly sentiment: number;
}

export interface AnalysedText {
  readonly sentences: readonly Sentence[];
  readonly sentiment: number;
}

type Nlp = ReturnType<typeof winkNLP>;
// Loading the model takes ~100 ms and it holds no state between documents, so it is built once per process,
// and only when the first message is read: the model and wink-nlp take about 40 MB resident once built, which
// a Kept that has read no customer message yet, or a command that reads none, does not need to hold.
let nlp: Nlp | undefined;
const require = createRequire(import.meta.url);
// Named-entity and custom-entity recognition are not used by any rule; leaving them out saves time per message.
const pipe = ['sbd', 'negation', 'sentiment', 'pos'];

function getNlp(): Nlp {
  // Both packages are CommonJS: require gives their module.exports, the function and the model themselves.
  nlp ??= (require('wink-nlp') as typeof winkNLP)(require('wink-eng-lite-web-model') as typeof model, pipe);
  return nlp;
}

const clauseBreaks = new Set([',', ';', ':', '-', '–', '—', 'but', 'however', 'though', 'although']);

/** Splits a sentence's tokens into clauses; the break words themselves belong to no clause. */
function splitClauses(tokens: readonly Token[]): Clause[] {
  const clauses: Token[][] = [[]];
  for (const token of tokens) {
    if (clauseBreaks.has(token.normal)) {
      if (clauses[clauses.length - 1]!.length > 0) clauses.push([]);
    } else {
      clauses[clauses.length - 1]!.push(token);
    }
  }
  return clauses.filter((clause) => clause.length > 0);
}

/** Reads `text` into sentences, clauses and tokens, with wink-nlp's sentiment per sentence and overall. */
export function analyseText(text: string): AnalysedText {
  const engine = getNlp();
  const its = engine.its;
  // Customers write "!!!" and "..."; wink's sentence splitter handles those, but runs of blank lines do not matter.
  const doc = engine.readDoc(text.replace(/\s+/g, ' ').trim());
  const sentences: Sentence[] = [];
  doc.sentences().each((sentence: ItemSentence) => {
    const tokens = sentence.tokens();
    const normals = tokens.out(its.normal) as string[];
    // wink-nlp's typings give `its.lemma` an extra addons parameter that ItsFunction lacks; at run time it is one.
    const lemmas = tokens.out(its.lemma as unknown as ItsFunction<string>) as string[];
    const tags = tokens.out(its.pos) as string[];
    const flags = tokens.out(its.negationFlag) as unknown as boolean[];
    const list: Token[] = normals.map((normal, i) => ({
      normal,
      lemma: lemmas[i] ?? normal,
      pos: tags[i] ?? 'X',
      negated: flags[i] === true,
    }));
    sentences.push({
      text: sentence.out(),
      tokens: list,
      clauses: splitClauses(list),
      sentiment: sentence.out(its.sentiment) as unknown as number,
    });
  });
  return { sentences, sentiment: doc.out(its.sentiment) as unknown as number };
}
