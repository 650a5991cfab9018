// Everything Kept reads from one inbound customer message, from a single pass of the language model.
import { findChurnIntent } from './churn-intent.js';
import { findManagerRequest } from './manager-request.js';
import { scoreAnalysedSentiment } from './sentiment.js';
import type { SignalDetection } from './signal-result.js';
import { analyseText } from './text-analysis.js';

export interface MessageSignals {
  readonly managerRequest: SignalDetection;
  readonly churnIntent: SignalDetection;
  /** In [-1, 1]; negative is unhappy. */
  readonly sentiment: number;
}

/** Reads a customer message once for a manager request, churn intent and sentiment. */
export function readMessageSignals(text: string): MessageSignals {
  const analysed = analyseText(text);
  return {
    managerRequest: findManagerRequest(analysed),
    churnIntent: findChurnIntent(analysed),
    sentiment: text.trim() === '' ? 0 : scoreAnalysedSentiment(analysed),
  };
}
