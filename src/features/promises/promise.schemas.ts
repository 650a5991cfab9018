// The wire shapes of promises: how the reply endpoint and the outbox show a detected promise, and how an
// agent corrects one (time, owner) or dismisses it with a note. One zod schema per shape is type and validator.

import { z } from 'zod';
import type { DetectedPromise } from './promise.js';

export const promiseKindSchema = z.enum(['callback', 'follow_up', 'refund', 'document', 'update', 'delivery']);
export const promiseOwnerSchema = z.enum(['author', 'manager', 'team']);

export const detectedPromiseJsonSchema = z.object({
  kind: promiseKindSchema,
  owner: promiseOwnerSchema,
  due_at: z.iso.datetime().nullable(),
  vague: z.boolean(),
  phrase: z.string(),
  time_text: z.string().optional(),
});
export type DetectedPromiseJson = z.infer<typeof detectedPromiseJsonSchema>;

/** A detected promise as the API shows it. */
export function toPromiseJson(promise: DetectedPromise): DetectedPromiseJson {
  return {
    kind: promise.kind,
    owner: promise.owner,
    due_at: promise.dueAt?.toISOString() ?? null,
    vague: promise.vague,
    phrase: promise.phrase,
    ...(promise.timeText === undefined ? {} : { time_text: promise.timeText }),
  };
}

export const promiseCorrectionSchema = z.discriminatedUnion('action', [
  z
    .object({
      action: z.literal('correct'),
      due_at: z.iso.datetime({ offset: true }).optional(),
      owner: promiseOwnerSchema.optional(),
    })
    .refine((c) => c.due_at !== undefined || c.owner !== undefined, { message: 'give due_at, owner or both' }),
  z.object({ action: z.literal('dismiss'), note: z.string().trim().min(1).max(2000) }),
]);
export type PromiseCorrection = z.infer<typeof promiseCorrectionSchema>;

export type CorrectedPromise =
  | { readonly dismissed: false; readonly promise: DetectedPromise }
  | { readonly dismissed: true; readonly note: string };

/**
 * Applies an agent's correction. A corrected time is the agent's word, so the promise is no longer vague;
 * a dismissal keeps only the note, for the audit trail.
 */
export function applyPromiseCorrection(options: { readonly promise: DetectedPromise; readonly correction: PromiseCorrection }): CorrectedPromise {
  const { promise, correction } = options;
  if (correction.action === 'dismiss') return { dismissed: true, note: correction.note };
  const dueAt = correction.due_at === undefined ? promise.dueAt : new Date(correction.due_at);
  return {
    dismissed: false,
    promise: { ...promise, owner: correction.owner ?? promise.owner, dueAt, vague: dueAt === null },
  };
}
