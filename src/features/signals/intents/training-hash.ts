// The fingerprint of what the intent weights were trained on: the corpus, the features and the training
// options. The weights file stores it; a test recomputes it, so weights left behind by a change to the
// data fail the build instead of silently shipping.
import { createHash } from 'node:crypto';
import type { TrainingMessage } from './build-corpus.js';
import { FEATURE_VERSION, HASH_BITS } from './intent-features.js';
import type { TrainingOptions } from './train-intent-model.js';

export function hashTrainingInput(options: { corpus: readonly TrainingMessage[]; training: TrainingOptions }): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ featureVersion: FEATURE_VERSION, hashBits: HASH_BITS, training: options.training }));
  for (const message of options.corpus) hash.update(`${message.managerRequest ? 1 : 0}${message.churnIntent ? 1 : 0}${message.text}\n`);
  return hash.digest('hex');
}
