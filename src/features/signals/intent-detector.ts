// Cracks C9 and C10: one detector per intent, the trained model and the hand-written rules together. The
// model generalises to wordings nobody wrote a rule for ("I'll spend my money somewhere that cares"); the
// rules stay for what they are sure of (a rule that fires is a detection) and both explain themselves: the
// sentence that carried the intent and the words that weighed most. Pure and synchronous, so it can run
// wherever the text is analysed, a worker included.
import { findChurnIntent } from './churn-intent.js';
import { shippedIntentModel, type IntentModel } from './intents/intent-model.js';
import type { IntentName } from './intents/intent-weights.js';
import { findManagerRequest } from './manager-request.js';
import type { SignalDetection } from './signal-result.js';
import { analyseText, type AnalysedText } from './text-analysis.js';

export type { IntentName } from './intents/intent-weights.js';

/** Longer messages are read up to this many characters: an intent is stated early, and reading is bounded. */
export const MAX_INTENT_TEXT = 20_000;

export interface IntentDetection extends SignalDetection {
  /** The model's probability that the message carries the intent, in [0, 1]. */
  readonly score: number;
  /** What decided: the rules, the model, or both. */
  readonly decidedBy: 'rules' | 'model' | 'rules+model' | null;
  /** The words that weighed most for the intent, strongest first (the rule's sentence comes first when a rule fired). */
  readonly explanation: readonly string[];
}

export interface MessageIntents {
  readonly managerRequest: IntentDetection;
  readonly churnIntent: IntentDetection;
}

const rules: Record<IntentName, (analysed: AnalysedText) => SignalDetection> = {
  managerRequest: findManagerRequest,
  churnIntent: findChurnIntent,
};

function decide(options: { intent: IntentName; text: string; analysed: AnalysedText; model: IntentModel }): IntentDetection {
  const { intent, text, analysed, model } = options;
  const rule = rules[intent](analysed);
  const scored = model.score(intent, text);
  const byModel = scored.score >= model.thresholds[intent];
  const decidedBy = rule.detected && byModel ? 'rules+model' : rule.detected ? 'rules' : byModel ? 'model' : null;
  const score = Math.round(scored.score * 1000) / 1000;
  if (!decidedBy) return { detected: false, score, decidedBy, explanation: scored.words };
  // The sentence shown to agents: the rule's, or the one of the best window holding the strongest word.
  const strongest = scored.words[0];
  const evidence =
    rule.evidence ??
    analysed.sentences.find((sentence) => strongest !== undefined && sentence.text.toLowerCase().includes(strongest.split(' ')[0]!))?.text ??
    scored.window;
  return { detected: true, evidence, score, decidedBy, explanation: scored.words };
}

/** Both intents of a message already read by `analyseText` (one reading serves every detector). */
export function findIntents(options: { text: string; analysed: AnalysedText; model?: IntentModel }): MessageIntents {
  const text = options.text.slice(0, MAX_INTENT_TEXT);
  const model = options.model ?? shippedIntentModel();
  return {
    managerRequest: decide({ intent: 'managerRequest', text, analysed: options.analysed, model }),
    churnIntent: decide({ intent: 'churnIntent', text, analysed: options.analysed, model }),
  };
}

/** Whether a customer message asks for a manager and whether it says they will stop buying, each explained. */
export function detectIntents(text: string): MessageIntents {
  const bounded = text.slice(0, MAX_INTENT_TEXT);
  return findIntents({ text: bounded, analysed: analyseText(bounded) });
}

/** One intent of a message: `{ detected, score, explanation, evidence }`. */
export function detectIntent(options: { intent: IntentName; text: string }): IntentDetection {
  return detectIntents(options.text)[options.intent];
}
