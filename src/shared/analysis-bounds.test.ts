import { describe, expect, it } from 'vitest';
import { ANALYSIS_MAX_CHARS, ANALYSIS_MAX_WORD, boundForAnalysis } from './analysis-bounds.js';

describe('what analysis reads of a message', () => {
  it('reads an ordinary message whole', () => {
    const text = 'May I speak to a manager? I doubt I will ever buy from you again.';
    expect(boundForAnalysis(text)).toEqual({ text, truncated: false });
  });

  it('reads the first characters of a long message and says it read less', () => {
    const bounded = boundForAnalysis('word '.repeat(ANALYSIS_MAX_CHARS));
    expect(bounded.text.length).toBe(ANALYSIS_MAX_CHARS);
    expect(bounded.truncated).toBe(true);
  });

  it('cuts a 300,000-character word to a word analysis can read', () => {
    const bounded = boundForAnalysis(`Hello ${'a'.repeat(300_000)} bye`);
    expect(bounded.text).toBe(`Hello ${'a'.repeat(ANALYSIS_MAX_WORD)}`);
    expect(bounded.truncated).toBe(true);
  });

  it('never leaves half of a character at the cut', () => {
    const bounded = boundForAnalysis(`${'x '.repeat(4)}😡😡`, 9);
    expect(bounded.text).toBe('x x x x ');
  });
});
