// Promises in words on a case: which commitments came from one, how each reads, who may correct it, and the
// time an agent types turned into the API's ISO time.
import type { Commitment, PromiseDetails, Role } from '../api/types';

export type PromiseCommitment = Commitment & { details: PromiseDetails };

/** True when a promise in words opened the commitment (and only then can it be corrected or dismissed). */
export function isPromiseCommitment(commitment: Commitment): commitment is PromiseCommitment {
  return (commitment.details as { source?: unknown } | undefined)?.source === 'promise';
}

/** The commitments of a case that promises in words opened, oldest deadline first. */
export function promiseCommitmentsOf(commitments: Commitment[]): PromiseCommitment[] {
  return commitments.filter(isPromiseCommitment).sort((a, b) => a.due_at.localeCompare(b.due_at));
}

/**
 * Mirrors the server's rule, so the controls show only to those who may use them: the promise's author, the
 * case owner, a manager or an admin.
 */
export function mayRevisePromise(input: { agent: { id: string; role: Role }; commitment: PromiseCommitment; caseOwnerId: string | null }): boolean {
  const { agent } = input;
  return agent.role !== 'agent' || agent.id === input.commitment.details.author_id || agent.id === input.caseOwnerId;
}

/** What happened to a promise since it was read: each correction and the dismissal, in words. */
export function describePromiseHistory(commitment: PromiseCommitment, nameOf: (agentId: string) => string, formatTime: (iso: string) => string): string[] {
  const lines = (commitment.details.corrections ?? []).map((c) => {
    const parts = [c.due_at && `time ${formatTime(c.due_at.from)} → ${formatTime(c.due_at.to)}`, c.owner_id && `owner → ${nameOf(c.owner_id.to)}`].filter(Boolean);
    return `Corrected by ${nameOf(c.by)}: ${parts.join(', ')}${c.note ? ` (${c.note})` : ''}`;
  });
  const dismissal = commitment.details.dismissal;
  if (dismissal) lines.push(`Dismissed by ${nameOf(dismissal.by)}: ${dismissal.note}`);
  return lines;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An ISO time as a `datetime-local` input shows it, in the browser's zone: `2026-12-04T10:00`. */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A `datetime-local` value (the browser's zone) as the ISO time the API takes; null when it is not one. */
export function fromLocalInput(value: string): string | null {
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(value)) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
