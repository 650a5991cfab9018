// Commitments across all cases, for the manager's view, and what an agent does to a promise Kept read.
import { query, request } from './http';
import { itemsOf } from './lists';
import type { Commitment, CommitmentState, ListOf, PromiseCorrection } from './types';

/** `GET /api/v1/commitments?state=&kind=&limit=` — commitments filtered by state and kind, earliest deadline first. */
export async function listCommitments(params: { state?: CommitmentState; kind?: string; limit?: number }): Promise<Commitment[]> {
  return itemsOf(await request<ListOf<Commitment>>(`/commitments${query({ state: params.state, kind: params.kind, limit: params.limit?.toString() })}`));
}

/** `POST /api/v1/commitments/{id}/correct` — a promise's time (its deadline moves) or owner. */
export function correctPromise(id: string, correction: PromiseCorrection): Promise<Commitment> {
  return request<Commitment>(`/commitments/${encodeURIComponent(id)}/correct`, { method: 'POST', body: correction });
}

/** `POST /api/v1/commitments/{id}/dismiss` — a promise misread or taken back, with a note. */
export function dismissPromise(id: string, note: string): Promise<Commitment> {
  return request<Commitment>(`/commitments/${encodeURIComponent(id)}/dismiss`, { method: 'POST', body: { note } });
}

/** `POST /api/v1/commitments/{id}/waive` — a manager releases a commitment nobody owes any more, with a reason. */
export function waiveCommitment(id: string, reason: string): Promise<Commitment> {
  return request<Commitment>(`/commitments/${encodeURIComponent(id)}/waive`, { method: 'POST', body: { reason } });
}
