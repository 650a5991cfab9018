// Measures an intent detector against labelled messages, so its precision and recall are numbers we
// can assert on and publish rather than impressions.
import type { SignalDetection } from './signal-result.js';

export interface LabelledMessage {
  readonly text: string;
  readonly managerRequest: boolean;
  readonly churnIntent: boolean;
  readonly negative: boolean;
}

export interface DetectorScore {
  readonly precision: number;
  readonly recall: number;
  readonly truePositives: number;
  readonly falsePositives: readonly string[];
  readonly falseNegatives: readonly string[];
}

/** Precision and recall of `detect` for one label of `examples`; an empty class counts as perfect. */
export function scoreDetector(options: { detect: (text: string) => SignalDetection; examples: readonly LabelledMessage[]; label: 'managerRequest' | 'churnIntent' }): DetectorScore {
  const { detect, examples, label } = options;
  let truePositives = 0;
  const falsePositives: string[] = [];
  const falseNegatives: string[] = [];
  for (const example of examples) {
    const detected = detect(example.text).detected;
    if (detected && example[label]) truePositives++;
    else if (detected) falsePositives.push(example.text);
    else if (example[label]) falseNegatives.push(example.text);
  }
  const flagged = truePositives + falsePositives.length;
  const actual = truePositives + falseNegatives.length;
  return {
    precision: flagged === 0 ? 1 : truePositives / flagged,
    recall: actual === 0 ? 1 : truePositives / actual,
    truePositives,
    falsePositives,
    falseNegatives,
  };
}
