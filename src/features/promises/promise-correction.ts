// An agent corrects a promise Kept read (its time, its owner) or dismisses it with a note, as pure rules:
// which commitments may be revised this way, who may revise them, and what the commitment keeps of it.
import { z } from 'zod';
import { AppError } from '../../shared/app-error.js';

const correctionEntrySchema = z.object({
  at: z.string(),
  by: z.string(),
  due_at: z.object({ from: z.string(), to: z.string() }).optional(),
  owner_id: z.object({ from: z.string().nullable(), to: z.string() }).optional(),
  note: z.string().optional(),
});
export type PromiseCorrectionEntry = z.infer<typeof correctionEntrySchema>;

const dismissalSchema = z.object({ at: z.string(), by: z.string(), note: z.string() });
export type PromiseDismissalEntry = z.infer<typeof dismissalSchema>;

/** The details of a commitment opened from a promise; other keys are kept as they are. */
const promiseDetailsSchema = z
  .object({
    source: z.literal('promise'),
    message_id: z.string().optional(),
    author_id: z.string().nullable().optional(),
    corrections: z.array(correctionEntrySchema).optional(),
    dismissal: dismissalSchema.optional(),
  })
  .passthrough();
export type PromiseDetails = z.infer<typeof promiseDetailsSchema>;

/** The promise details of a commitment, or null when no promise in words opened it. */
export function readPromiseDetails(details: Record<string, unknown>): PromiseDetails | null {
  const parsed = promiseDetailsSchema.safeParse(details);
  return parsed.success ? parsed.data : null;
}

/** Who asks: an agent's id (null for the bootstrap admin token) and role. */
export interface Reviser {
  agentId: string | null;
  role: 'agent' | 'manager' | 'admin';
}

/**
 * Throws unless the commitment came from a promise and `by` may revise it: the promise's author, the case's
 * owner, a manager or an admin.
 */
export function requirePromiseReviser(input: { details: Record<string, unknown>; commitmentId: string; by: Reviser; authorId: string | null; caseOwnerId: string | null }): PromiseDetails {
  const details = readPromiseDetails(input.details);
  if (!details) throw new AppError('conflict', { detail: `commitment ${input.commitmentId} was not opened from a promise in words: a policy owes it, and only a manager may waive it` });
  const { by } = input;
  const allowed = by.role !== 'agent' || (by.agentId !== null && (by.agentId === input.authorId || by.agentId === input.caseOwnerId));
  if (!allowed) throw new AppError('forbidden', { detail: 'Only the agent who made the promise, the case owner, a manager or an admin may correct or dismiss it' });
  return details;
}

const byName = (by: Reviser) => by.agentId ?? 'admin';

/** The details after a correction: the detected words stay as read; the correction is appended beside them. */
export function correctedDetails(input: {
  details: PromiseDetails;
  by: Reviser;
  at: Date;
  before: { dueAt: Date; ownerId: string | null };
  dueAt?: Date | undefined;
  ownerId?: string | undefined;
  note?: string | undefined;
}): PromiseDetails {
  const entry: PromiseCorrectionEntry = {
    at: input.at.toISOString(),
    by: byName(input.by),
    ...(input.dueAt ? { due_at: { from: input.before.dueAt.toISOString(), to: input.dueAt.toISOString() } } : {}),
    ...(input.ownerId ? { owner_id: { from: input.before.ownerId, to: input.ownerId } } : {}),
    ...(input.note ? { note: input.note } : {}),
  };
  // A time the agent gave is their word: the promise is no longer vague.
  return { ...input.details, ...(input.dueAt ? { vague: false } : {}), corrections: [...(input.details.corrections ?? []), entry] };
}

/** The details after a dismissal: who dismissed it, when and why. */
export function dismissedDetails(input: { details: PromiseDetails; by: Reviser; at: Date; note: string }): PromiseDetails {
  return { ...input.details, dismissal: { at: input.at.toISOString(), by: byName(input.by), note: input.note } };
}
