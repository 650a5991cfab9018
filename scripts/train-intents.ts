// `npm run train:intents`: builds the intent corpus, fits one model per intent, reports it on the
// development sets (never on the held-out set) and writes the weights file that ships.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { detectChurnIntent } from '../src/features/signals/churn-intent.js';
import { detectManagerRequest } from '../src/features/signals/manager-request.js';
import { buildIntentCorpus } from '../src/features/signals/intents/build-corpus.js';
import { FEATURE_VERSION, HASH_BITS } from '../src/features/signals/intents/intent-features.js';
import { intentWeightsUrl, scoreWithModel } from '../src/features/signals/intents/intent-model.js';
import { intentNames, packModel, unpackModel, type IntentName, type IntentWeightsFile } from '../src/features/signals/intents/intent-weights.js';
import { decisionThresholds, defaultTrainingOptions, trainLogisticRegression } from '../src/features/signals/intents/train-intent-model.js';
import { hashTrainingInput } from '../src/features/signals/intents/training-hash.js';

interface DevMessage {
  text: string;
  managerRequest: boolean;
  churnIntent: boolean;
}

// The sets written after the rules and before this model, reported on at each training. The held-out set is not read here.
const devSets = ['holdout-messages.json', 'third-messages.json'];
const dev = devSets.flatMap((name) => JSON.parse(readFileSync(new URL(`../src/features/signals/fixtures/${name}`, import.meta.url), 'utf8')) as DevMessage[]);
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
  const threshold = decisionThresholds[intent];
  const devF1 = f1(
    scores.map((s, i) => ruled[i]! || s >= threshold),
    gold,
  );
  packed[intent] = packModel(model, threshold);
  console.log(`${intent}: trained in ${Math.round(performance.now() - started)} ms, threshold ${threshold}, F1 ${devF1.toFixed(3)} on the ${dev.length} development messages`);
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
