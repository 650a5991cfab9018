// The trained weights as a small committed file: for each intent, the buckets that carry weight (delta-coded
// varints) and their weights quantised to one signed byte, plus the bias, the decision threshold and the hash
// of the corpus they were trained on, so a test can tell when the file no longer matches the data.
import { z } from 'zod';
import { HASH_BITS } from './intent-features.js';
import type { LinearModel } from './train-intent-model.js';

export const intentNames = ['managerRequest', 'churnIntent'] as const;
export type IntentName = (typeof intentNames)[number];

const packedModelSchema = z.object({
  bias: z.number(),
  threshold: z.number().min(0).max(1),
  /** Weight of one quantisation step. */
  step: z.number().positive(),
  buckets: z.string(),
  weights: z.string(),
});

export const intentWeightsFileSchema = z.object({
  format: z.literal(1),
  featureVersion: z.number().int(),
  hashBits: z.number().int(),
  /** sha256 of the corpus and training options the weights were fitted to. */
  trainingHash: z.string().length(64),
  trainedOn: z.object({ messages: z.number().int(), positives: z.record(z.string(), z.number().int()) }),
  intents: z.object({ managerRequest: packedModelSchema, churnIntent: packedModelSchema }),
});
export type IntentWeightsFile = z.infer<typeof intentWeightsFileSchema>;
export type PackedModel = z.infer<typeof packedModelSchema>;

/** Packs a model, dropping weights smaller than half a quantisation step (they would round to zero). */
export function packModel(model: LinearModel, threshold: number): PackedModel {
  let largest = 0;
  for (const w of model.weights) largest = Math.max(largest, Math.abs(w));
  const step = largest / 127 || 1;
  const bytes: number[] = [];
  const weights: number[] = [];
  let previous = -1;
  model.weights.forEach((w, bucket) => {
    const q = Math.round(w / step);
    if (q === 0) return;
    for (let delta = bucket - previous; ; delta >>>= 7) {
      if (delta < 0x80) {
        bytes.push(delta);
        break;
      }
      bytes.push((delta & 0x7f) | 0x80);
    }
    previous = bucket;
    weights.push(q & 0xff);
  });
  return { bias: model.bias, threshold, step, buckets: Buffer.from(bytes).toString('base64'), weights: Buffer.from(weights).toString('base64') };
}

/** The dense weights of a packed model. */
export function unpackModel(packed: PackedModel): LinearModel {
  const weights = new Float32Array(1 << HASH_BITS);
  const bytes = Buffer.from(packed.buckets, 'base64');
  const values = new Int8Array(Buffer.from(packed.weights, 'base64'));
  let bucket = -1;
  let index = 0;
  for (let i = 0; i < bytes.length; index++) {
    let delta = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = bytes[i++]!;
      delta |= (byte & 0x7f) << shift;
      if (byte < 0x80) break;
    }
    bucket += delta;
    weights[bucket] = values[index]! * packed.step;
  }
  return { bias: packed.bias, weights };
}
