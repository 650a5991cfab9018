// The SQL for reading commitments (the engine writes them through its own store functions).
import type { Selectable } from 'kysely';
import type { Queryable } from '../../db/create-db.js';
import type { CommitmentState, CommitmentsTable } from '../../db/database.js';

export interface CommitmentRecord {
  id: string;
  kind: string;
  state: CommitmentState;
  dueAt: Date;
  ownerId: string | null;
  ownerRole: string | null;
  caseId: string | null;
  customerId: string | null;
  orderNumber: string | null;
  policyId: string | null;
  openedBy: string;
  fulfilledBy: string | null;
  atRisk: boolean;
  pausedAt: Date | null;
  details: Record<string, unknown>;
  openedAt: Date;
  closedAt: Date | null;
  breachedAt: Date | null;
  waivedBy: string | null;
  waivedReason: string | null;
}

export function toCommitmentRecord(row: Selectable<CommitmentsTable>): CommitmentRecord {
  return {
    id: row.id,
    kind: row.kind,
    state: row.state,
    dueAt: row.due_at,
    ownerId: row.owner_id,
    ownerRole: row.owner_role,
    caseId: row.case_id,
    customerId: row.customer_id,
    orderNumber: row.order_number,
    policyId: row.policy_id,
    openedBy: row.opened_by,
    fulfilledBy: row.fulfilled_by,
    atRisk: row.at_risk,
    pausedAt: row.paused_at,
    details: row.details,
    openedAt: row.opened_at,
    closedAt: row.closed_at,
    breachedAt: row.breached_at,
    waivedBy: row.waived_by,
    waivedReason: row.waived_reason,
  };
}

export interface CommitmentFilter {
  state?: CommitmentState | undefined;
  kind?: string | undefined;
  caseId?: string | undefined;
  customerId?: string | undefined;
  limit: number;
}

export async function listCommitments(q: Queryable, filter: CommitmentFilter): Promise<CommitmentRecord[]> {
  let query = q.selectFrom('commitments').selectAll();
  if (filter.state) query = query.where('state', '=', filter.state);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.caseId) query = query.where('case_id', '=', filter.caseId);
  if (filter.customerId) query = query.where('customer_id', '=', filter.customerId);
  const rows = await query.orderBy('due_at').orderBy('id').limit(filter.limit).execute();
  return rows.map(toCommitmentRecord);
}

/** The JSON shape of SPEC §3 commitments. */
export function toCommitmentView(record: CommitmentRecord) {
  return {
    id: record.id,
    kind: record.kind,
    state: record.state,
    due_at: record.dueAt.toISOString(),
    owner_id: record.ownerId,
    owner_role: record.ownerRole,
    case_id: record.caseId,
    customer_id: record.customerId,
    order_number: record.orderNumber,
    policy_id: record.policyId,
    opened_by: record.openedBy,
    fulfilled_by: record.fulfilledBy,
    at_risk: record.atRisk,
    opened_at: record.openedAt.toISOString(),
    closed_at: record.closedAt?.toISOString() ?? null,
    breached_at: record.breachedAt?.toISOString() ?? null,
    waived_reason: record.waivedReason,
    details: record.details,
  };
}
