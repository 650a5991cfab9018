// Commitments across all cases, for the manager's view.
import { query, request } from './http';
import { itemsOf } from './lists';
import type { Commitment, CommitmentState, ListOf } from './types';

/** `GET /api/v1/commitments?state=&kind=&limit=` — commitments filtered by state and kind, earliest deadline first. */
export async function listCommitments(params: { state?: CommitmentState; kind?: string; limit?: number }): Promise<Commitment[]> {
  return itemsOf(await request<ListOf<Commitment>>(`/commitments${query({ state: params.state, kind: params.kind, limit: params.limit?.toString() })}`));
}
