// Scores a message for one intent with the trained weights and says which words weighed most. A message is
// read in windows of up to three sentences, the stretch an intent is said in, so a long email does not
// drown the one sentence that matters; the best window gives the score and the explanation.
import { readFileSync } from 'node:fs';
import { extractFeatures, splitSentences } from './intent-features.js';
import { intentWeightsFileSchema, unpackModel, type IntentName, type IntentWeightsFile } from './intent-weights.js';
import type { LinearModel } from './train-intent-model.js';

export const intentWeightsUrl = new URL('./intent-weights.json', import.meta.url);

export interface IntentScore {
  /** Probability in [0, 1] that the message carries the intent. */
  readonly score: number;
  /** The words that pushed the score up most, strongest first. */
  readonly words: readonly string[];
  /** The sentences of the window that scored best. */
  readonly window: string;
}

const windowSize = 3;

function scoreWindow(model: LinearModel, text: string): { score: number; contributions: Map<string, number> } {
  const vector = extractFeatures(text);
  let z = model.bias;
  const contributions = new Map<string, number>();
  vector.buckets.forEach((bucket, i) => {
    const part = model.weights[bucket]! * vector.scale;
    z += part;
    const source = vector.sources[i]!;
    contributions.set(source, (contributions.get(source) ?? 0) + part);
  });
  return { score: 1 / (1 + Math.exp(-z)), contributions };
}

/** Scores `text` with `model`: the best window of up to three sentences, and the words that weighed most in it. */
export function scoreWithModel(model: LinearModel, text: string): IntentScore {
  const sentences = splitSentences(text);
  const windows = sentences.length <= windowSize ? [text] : sentences.slice(0, sentences.length - windowSize + 1).map((_, i) => sentences.slice(i, i + windowSize).join(' '));
  let best = { score: 0, contributions: new Map<string, number>() };
  let bestWindow = '';
  for (const window of windows) {
    const scored = scoreWindow(model, window);
    if (scored.score > best.score || bestWindow === '') {
      best = scored;
      bestWindow = window;
    }
  }
  const words = [...best.contributions]
    .filter(([, weight]) => weight > 0.05)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([source]) => source);
  return { score: best.score, words, window: bestWindow.trim() };
}

export interface IntentModel {
  readonly thresholds: Readonly<Record<IntentName, number>>;
  score(intent: IntentName, text: string): IntentScore;
}

/** The model from a weights file's contents. */
export function createIntentModel(file: IntentWeightsFile): IntentModel {
  const models = { managerRequest: unpackModel(file.intents.managerRequest), churnIntent: unpackModel(file.intents.churnIntent) };
  return {
    thresholds: { managerRequest: file.intents.managerRequest.threshold, churnIntent: file.intents.churnIntent.threshold },
    score: (intent, text) => scoreWithModel(models[intent], text),
  };
}

let shipped: IntentModel | undefined;
/** The committed model, read once per process on first use (about 2 MB of dense weights). */
export function shippedIntentModel(): IntentModel {
  shipped ??= createIntentModel(intentWeightsFileSchema.parse(JSON.parse(readFileSync(intentWeightsUrl, 'utf8'))));
  return shipped;
}
