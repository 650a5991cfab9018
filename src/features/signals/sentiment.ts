// Sentiment per customer message and its trend across a case: a customer who grows angrier with each
// message is at risk even before they say so in words.
import { complaintScore } from './care-lexicon.js';
import { toClauseText } from './clause-text.js';
import { analyseText, type AnalysedText } from './text-analysis.js';

/**
 * A message or a recent mean at or below this reads negative. Chosen on the labelled messages: it gives
 * the best precision for a recall of 0.8 on messages whose tone alone carries the complaint (docs/signals.md).
 */
export const NEGATIVE_SENTIMENT = -0.25;

/** A slope (change of score per message) steeper than this counts as rising or falling. */
export const SENTIMENT_TREND_SLOPE = 0.1;

export type SentimentDirection = 'rising' | 'falling' | 'steady';

export interface SentimentTrend {
  /** Least-squares change of the score per message; 0 with fewer than two scores. */
  readonly slope: number;
  readonly direction: SentimentDirection;
  /** Mean of the last three scores: how the customer feels now. */
  readonly recent: number;
}

const clamp = (value: number): number => Math.max(-1, Math.min(1, value));

/**
 * Sentiment of one message in [-1, 1] (negative is unhappy): wink-nlp's English model over the whole
 * message, lowered by each customer-care complaint phrase its general lexicon misses ("still waiting").
 */
export function scoreSentiment(text: string): number {
  return text.trim() === '' ? 0 : scoreAnalysedSentiment(analyseText(text));
}

/** scoreSentiment over a message already read by `analyseText`. */
export function scoreAnalysedSentiment(analysed: AnalysedText): number {
  let complaints = 0;
  for (const sentence of analysed.sentences) {
    for (const clause of sentence.clauses) complaints += complaintScore(toClauseText(clause));
  }
  return clamp(analysed.sentiment + complaints);
}

/** The trend of a case's sentiment scores, given in message order. */
export function sentimentTrend(scores: readonly number[]): SentimentTrend {
  const last = scores.slice(-3);
  const recent = last.length === 0 ? 0 : last.reduce((sum, s) => sum + s, 0) / last.length;
  if (scores.length < 2) return { slope: 0, direction: 'steady', recent };
  const n = scores.length;
  const meanX = (n - 1) / 2;
  const meanY = scores.reduce((sum, s) => sum + s, 0) / n;
  let covariance = 0;
  let variance = 0;
  scores.forEach((score, x) => {
    covariance += (x - meanX) * (score - meanY);
    variance += (x - meanX) ** 2;
  });
  const slope = covariance / variance;
  const direction = slope <= -SENTIMENT_TREND_SLOPE ? 'falling' : slope >= SENTIMENT_TREND_SLOPE ? 'rising' : 'steady';
  return { slope, direction, recent };
}
