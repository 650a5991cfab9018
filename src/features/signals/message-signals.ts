// Everything Kept reads from one inbound customer message, from a single pass of the language model.
import { findIntents, type IntentDetection } from './intent-detector.js';
import { scoreAnalysedSentiment } from './sentiment.js';
import { analyseText } from './text-analysis.js';

export interface MessageSignals {
  readonly managerRequest: IntentDetection;
  readonly churnIntent: IntentDetection;
  /** In [-1, 1]; negative is unhappy. */
  readonly sentiment: number;
}

/** Reads a customer message once for a manager request, churn intent and sentiment. */
export function readMessageSignals(text: string): MessageSignals {
  const analysed = analyseText(text);
  return {
    ...findIntents({ text, analysed }),
    sentiment: text.trim() === '' ? 0 : scoreAnalysedSentiment(analysed),
  };
}
