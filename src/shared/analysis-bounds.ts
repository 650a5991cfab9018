// What text analysis may read of one message. The language model's tokenizer slows with the square of a
// word's length (one 300,000-character word took 71 s) and every reader is at least linear in the text, so
// analysis reads a bounded prefix with overlong runs of non-space characters cut. The message itself is
// stored whole; the analysis says that it read less.

/** Characters of a message that analysis reads; the median customer message is under 1,000. */
export const ANALYSIS_MAX_CHARS = 20_000;
/** Longest run of non-space characters analysis reads whole; no English word comes near it. */
export const ANALYSIS_MAX_WORD = 64;

export interface BoundedText {
  readonly text: string;
  /** True when analysis reads less than the message holds. */
  readonly truncated: boolean;
}

const longWord = new RegExp(`\\S{${ANALYSIS_MAX_WORD + 1},}`, 'g');

/** The part of `text` analysis reads: the first {@link ANALYSIS_MAX_CHARS} characters, each word cut to {@link ANALYSIS_MAX_WORD}. */
export function boundForAnalysis(text: string, maxChars: number = ANALYSIS_MAX_CHARS): BoundedText {
  let bounded = text.length > maxChars ? text.slice(0, maxChars) : text;
  // A cut that falls between the two halves of a surrogate pair would leave half a character.
  if (bounded.length < text.length && /[\uD800-\uDBFF]$/.test(bounded)) bounded = bounded.slice(0, -1);
  bounded = bounded.replace(longWord, (word) => word.slice(0, ANALYSIS_MAX_WORD));
  return { text: bounded, truncated: bounded.length < text.length };
}
