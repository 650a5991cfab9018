// A page of GET /api/v1/commitments: earliest deadline first, with a cursor to the next page, so a
// manager's list of a large backlog goes on past any one page.
import type { Queryable } from '../../db/create-db.js';
import { AppError } from '../../shared/app-error.js';
import { decodeKeysetCursor, encodeKeysetCursor } from '../../shared/keyset-cursor.js';
import { listCommitments, toCommitmentView, type CommitmentFilter } from './commitment.repo.js';

export const defaultCommitmentPageSize = 200;

export async function listCommitmentPage(
  q: Queryable,
  filter: Omit<CommitmentFilter, 'after' | 'limit'> & { cursor?: string | undefined; limit?: number | undefined },
): Promise<{ items: ReturnType<typeof toCommitmentView>[]; next_cursor: string | null }> {
  const after = filter.cursor === undefined ? undefined : decodeKeysetCursor(filter.cursor);
  if (filter.cursor !== undefined && !after) throw new AppError('validation_failed', { detail: 'cursor: not a cursor this API gave out', field: 'cursor' });
  const limit = filter.limit ?? defaultCommitmentPageSize;
  // One row more than the page tells whether another page follows without a count.
  const rows = await listCommitments(q, { state: filter.state, kind: filter.kind, caseId: filter.caseId, customerId: filter.customerId, after, limit: limit + 1 });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { items: page.map(toCommitmentView), next_cursor: rows.length > limit && last ? encodeKeysetCursor({ at: last.dueAt, id: last.id }) : null };
}
