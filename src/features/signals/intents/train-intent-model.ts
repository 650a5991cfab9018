// Training at build time (`npm run train:intents`): logistic regression over the hashed features, fitted by
// AdaGrad with L2 and classes weighted to balance. Pure and deterministic: the same corpus gives the same weights.
import { createSeededRandom } from '../../history/seeded-random.js';
import { extractFeatures, HASH_BITS, type FeatureVector } from './intent-features.js';

export interface TrainingOptions {
  readonly epochs: number;
  readonly learningRate: number;
  readonly l2: number;
  readonly seed: number;
}

// l2 chosen by holding out whole templates (scripts/cross-validate-intents.ts): 1e-3 beat 1e-4, 1e-5 and
// 3e-3 on wordings the model never saw, for both intents.
export const defaultTrainingOptions: TrainingOptions = { epochs: 12, learningRate: 0.5, l2: 1e-3, seed: 7 };

/**
 * The model's decision threshold per intent (a rule that fires decides on its own). Chosen by the same
 * cross-validation, rules or model: manager requests F1 0.952 at 0.75; churn F1 0.804 at 0.7.
 */
export const decisionThresholds = { managerRequest: 0.75, churnIntent: 0.7 } as const;

export interface LinearModel {
  readonly bias: number;
  readonly weights: Float32Array;
}

/** Fits one binary model: `labels[i]` says whether `texts[i]` carries the intent. */
export function trainLogisticRegression(options: { texts: readonly string[]; labels: readonly boolean[]; training?: TrainingOptions }): LinearModel {
  const training = options.training ?? defaultTrainingOptions;
  const vectors: FeatureVector[] = options.texts.map(extractFeatures);
  const size = 1 << HASH_BITS;
  const weights = new Float64Array(size);
  const squared = new Float64Array(size);
  let bias = 0;
  let biasSquared = 0;
  const positives = options.labels.filter(Boolean).length;
  const negatives = options.labels.length - positives;
  const classWeight = (label: boolean) => (label ? options.labels.length / (2 * positives) : options.labels.length / (2 * negatives));
  const order = vectors.map((_, i) => i);
  const random = createSeededRandom(training.seed);
  for (let epoch = 0; epoch < training.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = random.int(0, i);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const index of order) {
      const vector = vectors[index]!;
      const label = options.labels[index]!;
      let z = bias;
      for (const bucket of vector.buckets) z += weights[bucket]! * vector.scale;
      const p = 1 / (1 + Math.exp(-z));
      const error = (p - (label ? 1 : 0)) * classWeight(label);
      for (const bucket of vector.buckets) {
        const gradient = error * vector.scale + training.l2 * weights[bucket]!;
        squared[bucket]! += gradient * gradient;
        weights[bucket]! -= (training.learningRate * gradient) / Math.sqrt(squared[bucket]! + 1e-8);
      }
      biasSquared += error * error;
      bias -= (training.learningRate * error) / Math.sqrt(biasSquared + 1e-8);
    }
  }
  return { bias, weights: Float32Array.from(weights) };
}

/** Multinomial naive Bayes over the same features, as log-odds weights a linear model can carry. */
export function trainNaiveBayes(options: { texts: readonly string[]; labels: readonly boolean[] }): LinearModel {
  const size = 1 << HASH_BITS;
  const counts = [new Float64Array(size), new Float64Array(size)];
  const totals = [0, 0];
  const docs = [0, 0];
  options.texts.forEach((text, i) => {
    const cls = options.labels[i] ? 1 : 0;
    docs[cls]!++;
    for (const bucket of extractFeatures(text).buckets) {
      counts[cls]![bucket]!++;
      totals[cls]!++;
    }
  });
  const weights = new Float32Array(size);
  const alpha = 0.1;
  for (let b = 0; b < size; b++) {
    if (counts[0]![b] === 0 && counts[1]![b] === 0) continue;
    weights[b] = Math.log((counts[1]![b]! + alpha) / (totals[1]! + alpha * size)) - Math.log((counts[0]![b]! + alpha) / (totals[0]! + alpha * size));
  }
  return { bias: Math.log(docs[1]! / docs[0]!), weights };
}
