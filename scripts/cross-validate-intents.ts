// `npx tsx scripts/cross-validate-intents.ts [l2 …]`: measures the intent model on wordings it never saw by
// holding out whole templates (one in four, four times), alone and combined with the rules, at several
// thresholds. This is how the regularisation and the thresholds in train-intent-model.ts were chosen; the
// held-out set plays no part in it.
import { detectChurnIntent } from '../src/features/signals/churn-intent.js';
import { buildIntentCorpus } from '../src/features/signals/intents/build-corpus.js';
import { scoreWithModel } from '../src/features/signals/intents/intent-model.js';
import { intentNames } from '../src/features/signals/intents/intent-weights.js';
import { defaultTrainingOptions, trainLogisticRegression } from '../src/features/signals/intents/train-intent-model.js';
import { detectManagerRequest } from '../src/features/signals/manager-request.js';

const folds = 4;
const l2s = process.argv.slice(2).map(Number);
const rules = { managerRequest: detectManagerRequest, churnIntent: detectChurnIntent };
for (const l2 of l2s.length > 0 ? l2s : [defaultTrainingOptions.l2]) {
  const training = { ...defaultTrainingOptions, l2 };
  for (const intent of intentNames) {
    const rows: Array<{ score: number; rule: boolean; gold: boolean }> = [];
    for (let fold = 0; fold < folds; fold++) {
      const train = buildIntentCorpus({ keepTemplate: (i) => i % folds !== fold });
      const test = buildIntentCorpus({ keepTemplate: (i) => i % folds === fold, handLabelled: false }).filter((_, i) => i % 3 === 0);
      const model = trainLogisticRegression({ texts: train.map((m) => m.text), labels: train.map((m) => m[intent]), training });
      for (const m of test) rows.push({ score: scoreWithModel(model, m.text).score, rule: rules[intent](m.text).detected, gold: m[intent] });
    }
    const lines: string[] = [];
    for (const threshold of [0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.9]) {
      let tp = 0;
      let fp = 0;
      let fn = 0;
      for (const row of rows) {
        const detected = row.rule || row.score >= threshold;
        if (detected && row.gold) tp++;
        else if (detected) fp++;
        else if (row.gold) fn++;
      }
      lines.push(`  rules or model ≥ ${threshold}: precision ${(tp / (tp + fp)).toFixed(3)} recall ${(tp / (tp + fn)).toFixed(3)} F1 ${((2 * tp) / (2 * tp + fp + fn)).toFixed(3)}`);
    }
    console.log(`l2 ${l2}, ${intent}, ${rows.length} messages of held-out templates\n${lines.join('\n')}`);
  }
}
