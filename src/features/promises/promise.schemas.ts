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

const note = z.string().trim().min(1).max(2000);

/** `POST /api/v1/commitments/{id}/correct`: the time, the owner or both, with an optional note. */
export const promiseCorrectionSchema = z
  .object({
    due_at: z.iso.datetime({ offset: true }).optional().meta({ description: 'The promised time, with its offset, e.g. 2026-12-04T10:00:00-05:00; it must be in the future' }),
    owner_id: z.string().min(1).optional().meta({ description: 'The agent who will keep the promise' }),
    note: note.optional().meta({ description: 'Why, for the timeline' }),
  })
  .strict()
  .refine((body) => body.due_at !== undefined || body.owner_id !== undefined, { message: 'give due_at, owner_id or both', path: ['due_at'] });
export type PromiseCorrection = z.infer<typeof promiseCorrectionSchema>;

/** `POST /api/v1/commitments/{id}/dismiss`: a promise misread, or taken back, with a note saying which. */
export const promiseDismissalSchema = z.object({ note: note.meta({ description: 'Why the promise is dismissed, for the timeline' }) }).strict();
export type PromiseDismissal = z.infer<typeof promiseDismissalSchema>;
