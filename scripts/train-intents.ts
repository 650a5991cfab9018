// `npm run train:intents`: builds the intent corpus, fits one model per intent, picks each decision
// threshold on the development sets (never on the held-out set) and writes the weights file that ships.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { detectChurnIntent } from '../src/features/signals/churn-intent.js';
import { detectManagerRequest } from '../src/features/signals/manager-request.js';
import { buildIntentCorpus } from '../src/features/signals/intents/build-corpus.js';
import { FEATURE_VERSION, HASH_BITS } from '../src/features/signals/intents/intent-features.js';
import { intentWeightsUrl, scoreWithModel } from '../src/features/signals/intents/intent-model.js';
import { intentNames, packModel, unpackModel, type IntentName, type IntentWeightsFile } from '../src/features/signals/intents/intent-weights.js';
import { defaultTrainingOptions, trainLogisticRegression } from '../src/features/signals/intents/train-intent-model.js';
import { hashTrainingInput } from '../src/features/signals/intents/training-hash.js';

interface DevMessage {
  text: string;
  managerRequest: boolean;
  churnIntent: boolean;
}

// The sets written after the rules and before this model: they choose thresholds. The held-out set does not.
const devSets = ['holdout-messages.json', 'third-messages.json'];
const dev = devSets.flatMap(
  (name) => JSON.parse(readFileSync(new URL(`../src/features/signals/fixtures/${name}`, import.meta.url), 'utf8')) as DevMessage[],
);
const rules: Record<IntentName, (text: string) => boolean> = {
  managerRequest: (text) => detectManagerRequest(text).detected,
  churnIntent: (text) => detectChurnIntent(text).detected,
};

function f1(predicted: readonly boolean[], gold: readonly boolean[]): number {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  predicted.forEach((p, i) => {
    if (p && gold[i]) tp++;
    else if (p) fp++;
    else if (gold[i]) fn++;
  });
  return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
}

const corpus = buildIntentCorpus();
const trainingHash = hashTrainingInput({ corpus, training: defaultTrainingOptions });
const packed = {} as IntentWeightsFile['intents'];
for (const intent of intentNames) {
  const started = performance.now();
  const model = trainLogisticRegression({ texts: corpus.map((m) => m.text), labels: corpus.map((m) => m[intent]), training: defaultTrainingOptions });
  const shipped = unpackModel(packModel(model, 0.5));
  const gold = dev.map((m) => m[intent]);
  const ruled = dev.map((m) => rules[intent](m.text));
  const scores = dev.map((m) => scoreWithModel(shipped, m.text).score);
  // The threshold with the best F1 of "rule or model" on the development sets; ties go to the one nearest 0.5.
  let best = { threshold: 0.5, f1: -1 };
  for (let t = 0.3; t <= 0.851; t += 0.05) {
    const threshold = Math.round(t * 100) / 100;
    const score = f1(scores.map((s, i) => ruled[i]! || s >= threshold), gold);
    if (score > best.f1 + 1e-9 || (Math.abs(score - best.f1) < 1e-9 && Math.abs(threshold - 0.5) < Math.abs(best.threshold - 0.5))) best = { threshold, f1: score };
  }
  packed[intent] = packModel(model, best.threshold);
  console.log(`${intent}: trained in ${Math.round(performance.now() - started)} ms, threshold ${best.threshold} (development F1 ${best.f1.toFixed(3)} on ${dev.length} messages)`);
}

const file: IntentWeightsFile = {
  format: 1,
  featureVersion: FEATURE_VERSION,
  hashBits: HASH_BITS,
  trainingHash,
  trainedOn: { messages: corpus.length, positives: Object.fromEntries(intentNames.map((intent) => [intent, corpus.filter((m) => m[intent]).length])) },
  intents: packed,
};
writeFileSync(intentWeightsUrl, `${JSON.stringify(file, null, 1)}\n`);
console.log(`wrote ${fileURLToPath(intentWeightsUrl)} (${corpus.length} messages, training hash ${trainingHash.slice(0, 12)})`);
