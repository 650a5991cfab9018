// Cuts a message into sentences, and each sentence into clauses that each carry at most one commitment:
// "We won't be able to call today, but I'll email you tomorrow" holds a refusal and a promise.

export interface Clause {
  /** The sentence the clause belongs to, as written. */
  readonly sentence: string;
  /** Words before the clause's subject that may still belong to it ("Tomorrow morning, I'll call"). */
  readonly lead: string;
  /** From the subject to the end of the clause. */
  readonly body: string;
  /** The subject as written before the modal: "I", "a supervisor", "your refund". */
  readonly subject: string;
  /** The words after the modal: "call you by Friday". */
  readonly predicate: string;
  /** True when the modal is refused: "won't", "will not", "can't", "unable to". */
  readonly negated: boolean;
}

// A reply quotes the customer's earlier message; those words are theirs, not a promise made to them.
const quoteHeader = /^\s*On\s.{4,200}\swrote:\s*$/m;

function ownWords(text: string): string {
  const header = quoteHeader.exec(text);
  const beforeQuote = header ? text.slice(0, header.index) : text;
  return beforeQuote
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('>'))
    .join('\n');
}

/** Splits the author's own words on sentence ends; "a.m." and "p.m." stay whole because a lower-case word follows. */
export function splitSentences(text: string): string[] {
  return normaliseQuotes(ownWords(text))
    .split(/(?<=[.!?])\s+(?=["(]?[A-Z0-9])|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export function normaliseQuotes(text: string): string {
  return text.replace(/[\u2018\u2019]/g, "'").replace(/[\u201C\u201D]/g, '"');
}

// A modal that commits someone to a future act, or refuses to. Each match starts a clause.
const modalPattern = new RegExp(
  [
    '\\b(?:will|shall)\\b(?:\\s+(?:not|never|no longer)\\b)?',
    "'ll\\b(?:\\s+(?:not|never)\\b)?",
    '\\b(?:am|is|are)\\s+(?:not\\s+)?going\\s+to\\b',
    "'(?:m|re|s)\\s+(?:not\\s+)?going\\s+to\\b",
    '\\b(?:promises?|aim|aims|intend|intends|plan|plans)\\s+to\\b',
    '\\bshould\\s+(?=(?:receive|arrive|reach|get|hear|be\\s+(?:with|delivered|processed|credited|back)|see|show)\\b)',
    '\\b(?:can\\s+)?expect\\b',
    '\\blet\\s+me\\b(?!\\s+know)',
    // "I've asked a supervisor to call you", "I have booked a callback": arranged now, done later.
    "\\b(?:have|has|'ve)\\s+(?:asked|arranged\\s+for)\\s+(?!you\\b)(?:[\\w']+\\s+){1,4}?to\\b",
    "\\b(?:have|has|'ve)\\s+(?:booked|scheduled|arranged)\\s+(?:a|an|your)\\b",
    '\\b(?:is|are|has\\s+been|have\\s+been)\\s+(?:scheduled|booked|arranged)\\b',
    "\\b(?:won't|shan't|can't|cannot|can\\s+not|couldn't|unable\\s+to|not\\s+be\\s+able\\s+to|not\\s+able\\s+to)\\b",
  ].join('|'),
  'gi',
);

const negation = /\b(?:not|never|no longer|won't|shan't|can't|cannot|couldn't|unable)\b/i;
const unableAfter = /^\s*(?:be\s+)?(?:unable|not\s+(?:be\s+)?able)\b/i;
// The subject starts after the last of these before the modal.
const subjectBoundary = /(?:[,;:()]|\s[–—-]\s|\b(?:and|but|so|then|because|as|since|while|although|though|that|if|once|when|after|before|until|unless)\b)\s*/gi;
const relativeSubject = /\b(?:who|which)\s*$/i;

interface Anchor {
  /** Where the subject starts. */
  start: number;
  modalEnd: number;
  negated: boolean;
}

// How far before a modal "who"/"which" is looked for: the words right before it, not the whole sentence.
const relativeLookBehind = 64;

function findAnchors(sentence: string): Anchor[] {
  const anchors: Anchor[] = [];
  // The boundaries are scanned once, left to right, as the modals are met: rescanning the sentence for each
  // modal made a long sentence of many modals cost the square of its length.
  const boundaries = new RegExp(subjectBoundary.source, subjectBoundary.flags);
  let subjectStart = 0;
  let resumeAt = 0;
  for (const match of sentence.matchAll(modalPattern)) {
    const modalStart = match.index;
    boundaries.lastIndex = resumeAt;
    for (let b = boundaries.exec(sentence); b && b.index + b[0].length <= modalStart; b = boundaries.exec(sentence)) {
      subjectStart = b.index + b[0].length;
      resumeAt = boundaries.lastIndex;
    }
    // "…a manager who will call you" continues the clause that named the manager; with no clause before
    // ("I've passed this to our returns team, who will email you"), the relative clause is the promise.
    if (relativeSubject.test(sentence.slice(Math.max(0, modalStart - relativeLookBehind), modalStart)) && anchors.length > 0) continue;
    const modalEnd = modalStart + match[0].length;
    const negated = negation.test(match[0]) || unableAfter.test(sentence.slice(modalEnd));
    anchors.push({ start: subjectStart, modalEnd, negated });
  }
  return anchors;
}

/** The clauses of one sentence that carry a modal; a sentence with none yields nothing. */
export function splitClauses(sentence: string): Clause[] {
  const anchors = findAnchors(sentence);
  return anchors.map((anchor, i) => {
    const nextStart = anchors[i + 1]?.start ?? sentence.length;
    const end = Math.max(nextStart, anchor.modalEnd);
    const modalText = sentence.slice(anchor.start, anchor.modalEnd);
    return {
      sentence,
      // Only the first clause has words of its own before the subject; later ones begin where the last ended.
      lead: i === 0 ? sentence.slice(0, anchor.start) : '',
      body: sentence.slice(anchor.start, end),
      subject: modalText.replace(modalPattern, '').trim(),
      predicate: sentence.slice(anchor.modalEnd, end),
      negated: anchor.negated,
    };
  });
}
