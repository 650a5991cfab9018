// Crack C8: the 28th answer repeating the same general information. A reply whose body is a near
// duplicate of an earlier reply in the same case is flagged before it is sent. Greetings, sign-offs and
// courtesy sentences are set aside first: "Hi Ana" vs "Dear Ms Ruiz" around the same text is the same
// answer, and the same closing line under two different answers does not make them one.

import { boundForAnalysis } from '../../shared/analysis-bounds.js';

/**
 * Jaccard similarity of word 3-shingles at or above which a reply repeats an earlier one. Chosen on
 * fixtures/reply-pairs.json: the midpoint of the gap between the least similar near-duplicate and the
 * most similar distinct answer (see docs/signals.md).
 */
export const REPEATED_REPLY_THRESHOLD = 0.4;
const SHINGLE_SIZE = 3;

export interface EarlierReply {
  readonly id: string;
  readonly body: string;
}

export interface RepeatedReplyCheck {
  readonly repeated: boolean;
  /** Highest similarity to any earlier reply, 0..1. */
  readonly similarity: number;
  readonly matchedReplyId?: string;
}

const greeting = /^(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|greetings)\b[^\n]*$/i;
const signOff = /^(?:best|kind|warm)?\s*(?:regards|wishes)|^(?:thanks|thank you|many thanks|cheers|sincerely|yours)\b[^\n]*[,!.]?\s*$/i;

/** The body without its opening greeting line and its closing sign-off block. */
export function stripSalutations(body: string): string {
  const lines = body
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  if (lines.length > 1 && greeting.test(lines[0]!) && lines[0]!.length <= 60) lines.shift();
  const closing = lines.findIndex((line, i) => i > 0 && signOff.test(line) && line.length <= 40);
  // A sign-off line ends the answer: what follows is a name, a title or a footer.
  const answer = closing > 0 ? lines.slice(0, closing) : lines;
  // A last line of a few words without a full stop is a signature ("Tom", "Mia, Kept Support").
  const last = answer[answer.length - 1];
  if (answer.length > 1 && last !== undefined && !/[.!?]$/.test(last) && last.split(/\s+/).length <= 4) answer.pop();
  return answer.join(' ');
}

/**
 * Courtesy sentences every reply of an agent may carry ("If there is anything else I can help with, just
 * reply…"). Left in, they made different answers look alike in the reply-pair fixture; they say nothing
 * about whether the answer itself is repeated.
 */
const courtesy =
  /\b(?:anything else|any (?:other |further )?questions|(?:don't|do not) hesitate|feel free|happy to help|hope this helps|have a (?:great|nice|good|lovely) (?:day|weekend|evening)|thank you for (?:your patience|contacting|reaching out|shopping|bearing)|thanks for (?:your patience|bearing|reaching out|contacting)|sorry for (?:the|any) (?:inconvenience|trouble|delay)|(?:we )?apologi[sz]e for the inconvenience)\b/i;

/** What a reply answers: the body without salutations and without courtesy sentences. */
export function answerText(body: string): string {
  const sentences = stripSalutations(body).match(/[^.!?]+(?:[.!?]+|$)/g) ?? [];
  const kept = sentences.map((sentence) => sentence.trim()).filter((sentence) => sentence !== '' && !courtesy.test(sentence));
  // A reply that is nothing but courtesy is compared as it is, so two identical ones still match.
  return kept.length > 0 ? kept.join(' ') : stripSalutations(body);
}

function words(text: string): string[] {
  return (
    text
      .toLowerCase()
      .normalize('NFKC')
      .match(/[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu) ?? []
  );
}

/** The set of overlapping word triples of what a reply answers (see {@link answerText}). */
export function shingles(body: string): Set<string> {
  const list = words(answerText(body));
  const set = new Set<string>();
  if (list.length < SHINGLE_SIZE) {
    if (list.length > 0) set.add(list.join(' '));
    return set;
  }
  for (let i = 0; i + SHINGLE_SIZE <= list.length; i++) set.add(list.slice(i, i + SHINGLE_SIZE).join(' '));
  return set;
}

/** |A ∩ B| / |A ∪ B|; two empty sets are not similar. */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const item of a) if (b.has(item)) shared++;
  return shared / (a.size + b.size - shared);
}

/** Similarity of two reply bodies, 0..1. */
export function replySimilarity(options: { a: string; b: string }): number {
  return jaccard(shingles(options.a), shingles(options.b));
}

/**
 * Whether `body` repeats one of the case's earlier replies: the most similar earlier reply and its
 * similarity, `repeated` when that reaches {@link REPEATED_REPLY_THRESHOLD}.
 */
export function findRepeatedReply(options: { body: string; earlierReplies: readonly EarlierReply[]; threshold?: number }): RepeatedReplyCheck {
  const { body, earlierReplies, threshold = REPEATED_REPLY_THRESHOLD } = options;
  // Compared on what analysis reads of each reply (shared/analysis-bounds.ts): a repeat shows in its start.
  const own = shingles(boundForAnalysis(body).text);
  let best: { id: string; similarity: number } | undefined;
  for (const reply of earlierReplies) {
    const similarity = jaccard(own, shingles(boundForAnalysis(reply.body).text));
    if (!best || similarity > best.similarity) best = { id: reply.id, similarity };
  }
  if (!best || best.similarity < threshold) return { repeated: false, similarity: best?.similarity ?? 0 };
  return { repeated: true, similarity: best.similarity, matchedReplyId: best.id };
}
