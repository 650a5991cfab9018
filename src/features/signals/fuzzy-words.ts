// Typo-tolerant word matching for the few words the intent rules hinge on ("manger", "supervisr").

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps each cost 1. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * Finds which of `words` `candidate` is, allowing one typo in words of six letters or more and two in
 * words of nine or more. Real words that sit one typo away ("manage" from "manager") are listed in
 * `notTypos` so they are never read as the word they resemble.
 */
export function matchWord(options: { candidate: string; words: ReadonlySet<string>; notTypos?: ReadonlySet<string> }): string | undefined {
  const { candidate, words, notTypos } = options;
  if (words.has(candidate)) return candidate;
  if (candidate.length < 5 || notTypos?.has(candidate)) return undefined;
  for (const word of words) {
    const allowed = word.length >= 9 ? 2 : word.length >= 6 ? 1 : 0;
    if (allowed > 0 && Math.abs(word.length - candidate.length) <= allowed && editDistance(word, candidate) <= allowed) return word;
  }
  return undefined;
}
