// Intent detection (manager request, churn intent): messages per second on one core for the detector as
// live cases use it (rules over wink-nlp's reading plus the trained model), for the model alone, and the
// resident memory the trained model adds once loaded and used. Writes bench/results/intents.json.
// Run: npm run bench:intents -- [seconds=3]
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { detectIntents } from '../src/features/signals/intent-detector.js';
import { shippedIntentModel } from '../src/features/signals/intents/intent-model.js';
import { findChurnIntent } from '../src/features/signals/churn-intent.js';
import { findManagerRequest } from '../src/features/signals/manager-request.js';
import { analyseText } from '../src/features/signals/text-analysis.js';
import { describeMachine } from './lib/machine.js';
import { writeBenchResult } from './lib/results.js';

const seconds = Number(process.argv[2] ?? 3);
const fixtures = ['intents-heldout.json', 'labelled-messages.json', 'holdout-messages.json', 'third-messages.json'];
const texts = fixtures.flatMap((name) => (JSON.parse(readFileSync(new URL(`../src/features/signals/fixtures/${name}`, import.meta.url), 'utf8')) as Array<{ text: string }>).map((m) => m.text));
const gc = (globalThis as { gc?: () => void }).gc;
const rssMB = (): number => {
  gc?.();
  return process.memoryUsage().rss / 1e6;
};
/** What the process holds live after a collection: the JavaScript heap plus buffers outside it (the weights). */
const liveMB = (): number => {
  gc?.();
  const usage = process.memoryUsage();
  return (usage.heapUsed + usage.external) / 1e6;
};

/**
 * Runs `work` over the messages for about `seconds` of CPU time on one thread, and returns messages per
 * CPU-second (what one core does, however busy the machine is) and per wall-clock second.
 */
function rate(work: (text: string) => unknown): { perCpuSecond: number; perWallSecond: number } {
  let done = 0;
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  const cpuSeconds = () => {
    const used = process.cpuUsage(cpu0);
    return (used.user + used.system) / 1e6;
  };
  while (cpuSeconds() < seconds) for (const text of texts) work(text), done++;
  return { perCpuSecond: done / cpuSeconds(), perWallSecond: done / ((performance.now() - started) / 1000) };
}

const before = rssMB();
// First the rules alone, as Kept read messages before the model: wink-nlp's reading and both rule sets.
const rulesOnly = rate((text) => {
  const analysed = analyseText(text);
  return [findManagerRequest(analysed), findChurnIntent(analysed)];
});
const withNlp = rssMB();
const liveBefore = liveMB();
// What loading the weights and scoring with them keeps live, measured right around it (RSS alone moves with
// whatever the allocator has not yet handed back, in either direction).
const model = shippedIntentModel();
for (const text of texts) model.score('churnIntent', text);
const addedByModel = liveMB() - liveBefore;
const withModel = rssMB();
const modelOnly = rate((text) => (model.score('managerRequest', text), model.score('churnIntent', text)));
const detector = rate((text) => detectIntents(text));
const after = rssMB();
const meanLength = Math.round(texts.reduce((sum, text) => sum + text.length, 0) / texts.length);

writeBenchResult({
  bench: 'intents',
  title: 'Intent detection (manager request, churn intent)',
  ranAt: new Date().toISOString(),
  machine: describeMachine(),
  parameters: { messages: texts.length, meanCharacters: meanLength, cpuSecondsPerRun: seconds, gcBetweenSamples: gc !== undefined, loadAverage: loadavg().map((l) => Number(l.toFixed(1))) },
  figures: [
    {
      label: 'Both intents, rules + model, one core',
      value: Math.round(detector.perCpuSecond),
      unit: 'messages/s',
      target: '≥ 2,000 messages/s',
      meetsTarget: detector.perCpuSecond >= 2000,
      detail: `per CPU-second; ${Math.round(detector.perWallSecond).toLocaleString('en')} per wall-clock second on the machine as loaded`,
    },
    { label: 'Both intents, model alone, one core', value: Math.round(modelOnly.perCpuSecond), unit: 'messages/s', detail: 'per CPU-second' },
    { label: 'Both intents, rules alone (before the model), one core', value: Math.round(rulesOnly.perCpuSecond), unit: 'messages/s', detail: 'per CPU-second' },
    {
      label: 'Memory added by the trained model (live heap and buffers)',
      value: Math.round(addedByModel * 10) / 10,
      unit: 'MB',
      target: '< 50 MB',
      meetsTarget: addedByModel < 50,
      detail: `${gc ? 'measured after a full collection' : 'run with --expose-gc for a stable figure'}; RSS ${before.toFixed(0)} MB at start, ${withNlp.toFixed(0)} MB after the rules alone ran (wink-nlp loaded, as for sentiment), ${withModel.toFixed(0)} MB with the intent weights loaded and used, ${after.toFixed(0)} MB after both detectors ran for ${seconds * 2} CPU-seconds more`,
    },
  ],
  notes: [],
});
console.log(
  `${texts.length} messages (mean ${meanLength} characters), per CPU-second: rules + model ${Math.round(detector.perCpuSecond)} messages/s, model alone ${Math.round(modelOnly.perCpuSecond)} messages/s; ` +
    `rules alone ${Math.round(rulesOnly.perCpuSecond)} messages/s; RSS ${before.toFixed(0)} → ${withNlp.toFixed(0)} MB (rules, wink-nlp) → ${withModel.toFixed(0)} MB (intent model loaded and used): +${addedByModel.toFixed(1)} MB; ${after.toFixed(0)} MB at the end`,
);
