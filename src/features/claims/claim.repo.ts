// The only SQL for claims, their documents and uploads — and the one write claims make to commitments:
// a received document keeps the commitment that was waiting for it.
import type { Expression, Selectable } from 'kysely';
import type { Queryable } from '../../db/create-db.js';
import { columnsOf, jsonArrayOf, timestampOf } from '../../db/json-view.js';
import { newId, newPublicToken } from '../../shared/ids.js';
import type { ClaimType, DocumentKind, DocumentState } from './claim.js';
import type { ClaimDocumentsTable, ClaimsTable, ClaimTables } from './claim.tables.js';

const tables = (q: Queryable) => q.withTables<ClaimTables>();

export interface ClaimRecord {
  id: string;
  caseId: string;
  customerId: string;
  orderNumber: string | null;
  type: ClaimType;
  openedBy: string;
  state: 'open' | 'resolved';
  resolution: Record<string, unknown> | null;
  openedAt: Date;
  resolvedAt: Date | null;
}

export interface DocumentRecord {
  id: string;
  claimId: string;
  caseId: string;
  kind: DocumentKind;
  state: DocumentState;
  token: string;
  commitmentId: string | null;
  reminders: number;
  submission: Record<string, unknown> | null;
  decisionNote: string | null;
  requestedAt: Date;
  receivedAt: Date | null;
  decidedAt: Date | null;
}

function toClaimRecord(row: Selectable<ClaimsTable>): ClaimRecord {
  return {
    id: row.id,
    caseId: row.case_id,
    customerId: row.customer_id,
    orderNumber: row.order_number,
    type: row.type,
    openedBy: row.opened_by,
    state: row.state,
    resolution: row.resolution,
    openedAt: row.opened_at,
    resolvedAt: row.resolved_at,
  };
}

function toDocumentRecord(row: Selectable<ClaimDocumentsTable>): DocumentRecord {
  return {
    id: row.id,
    claimId: row.claim_id,
    caseId: row.case_id,
    kind: row.kind,
    state: row.state,
    token: row.token,
    commitmentId: row.commitment_id,
    reminders: row.reminders,
    submission: row.submission,
    decisionNote: row.decision_note,
    requestedAt: row.requested_at,
    receivedAt: row.received_at,
    decidedAt: row.decided_at,
  };
}

export async function insertClaim(q: Queryable, input: { caseId: string; customerId: string; orderNumber: string | null; type: ClaimType; openedBy: string; at: Date }): Promise<ClaimRecord> {
  const row = await tables(q)
    .insertInto('claims')
    .values({
      id: newId('doc').replace('doc_', 'clm_'),
      case_id: input.caseId,
      customer_id: input.customerId,
      order_number: input.orderNumber,
      type: input.type,
      opened_by: input.openedBy,
      state: 'open',
      opened_at: input.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toClaimRecord(row);
}

/** The open claim of a case (a case carries at most one open claim). */
export async function findOpenClaimOfCase(q: Queryable, caseId: string): Promise<ClaimRecord | undefined> {
  const row = await tables(q).selectFrom('claims').selectAll().where('case_id', '=', caseId).where('state', '=', 'open').orderBy('opened_at', 'desc').executeTakeFirst();
  return row && toClaimRecord(row);
}

export async function findClaimById(q: Queryable, id: string): Promise<ClaimRecord | undefined> {
  const row = await tables(q).selectFrom('claims').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toClaimRecord(row);
}

export async function markClaimResolved(q: Queryable, input: { id: string; resolution: Record<string, unknown>; at: Date }): Promise<ClaimRecord | undefined> {
  const row = await tables(q)
    .updateTable('claims')
    .set({ state: 'resolved', resolution: JSON.stringify(input.resolution), resolved_at: input.at })
    .where('id', '=', input.id)
    .where('state', '=', 'open')
    .returningAll()
    .executeTakeFirst();
  return row && toClaimRecord(row);
}

export async function insertDocument(q: Queryable, input: { claimId: string; caseId: string; kind: DocumentKind; at: Date }): Promise<DocumentRecord> {
  const row = await tables(q)
    .insertInto('claim_documents')
    .values({ id: newId('doc'), claim_id: input.claimId, case_id: input.caseId, kind: input.kind, state: 'requested', token: newPublicToken(), requested_at: input.at })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toDocumentRecord(row);
}

export async function setDocumentCommitment(q: Queryable, input: { id: string; commitmentId: string }): Promise<void> {
  await tables(q).updateTable('claim_documents').set({ commitment_id: input.commitmentId }).where('id', '=', input.id).execute();
}

export async function listDocumentsOfCase(q: Queryable, caseId: string): Promise<DocumentRecord[]> {
  const rows = await tables(q).selectFrom('claim_documents').selectAll().where('case_id', '=', caseId).orderBy('requested_at').orderBy('id').execute();
  return rows.map(toDocumentRecord);
}

/**
 * The case's documents as JSON, each as toDocumentView (claim.service.ts) writes it, in the order
 * listDocumentsOfCase gives: a subquery for the case read.
 */
export function selectDocumentViewsOfCase(q: Queryable, caseId: Expression<string>) {
  return jsonArrayOf({
    rows: tables(q).selectFrom('claim_documents').selectAll().where('case_id', '=', caseId),
    alias: 'd',
    columns: columnsOf('d', ['id', 'kind', 'state', timestampOf('d', 'requested_at'), timestampOf('d', 'received_at'), timestampOf('d', 'decided_at'), 'decision_note', 'reminders']),
    orderBy: ['requested_at', 'id'],
  });
}

export async function findDocumentByToken(q: Queryable, token: string): Promise<DocumentRecord | undefined> {
  const row = await tables(q).selectFrom('claim_documents').selectAll().where('token', '=', token).executeTakeFirst();
  return row && toDocumentRecord(row);
}

export async function findDocumentByCommitment(q: Queryable, commitmentId: string): Promise<DocumentRecord | undefined> {
  const row = await tables(q).selectFrom('claim_documents').selectAll().where('commitment_id', '=', commitmentId).executeTakeFirst();
  return row && toDocumentRecord(row);
}

export async function findDocumentById(q: Queryable, id: string): Promise<DocumentRecord | undefined> {
  const row = await tables(q).selectFrom('claim_documents').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toDocumentRecord(row);
}

/** Records a submission once: returns undefined when the document was no longer waiting for one. */
export async function markDocumentReceived(q: Queryable, input: { id: string; submission: Record<string, unknown>; at: Date }): Promise<DocumentRecord | undefined> {
  const row = await tables(q)
    .updateTable('claim_documents')
    .set({ state: 'received', submission: JSON.stringify(input.submission), received_at: input.at })
    .where('id', '=', input.id)
    .where('state', '=', 'requested')
    .returningAll()
    .executeTakeFirst();
  return row && toDocumentRecord(row);
}

/** Accepts or rejects a received document; undefined when it is not waiting for a decision. */
export async function decideDocument(q: Queryable, input: { id: string; state: 'accepted' | 'rejected'; note: string | null; by: string | null; at: Date }): Promise<DocumentRecord | undefined> {
  const row = await tables(q)
    .updateTable('claim_documents')
    .set({ state: input.state, decision_note: input.note, decided_by: input.by, decided_at: input.at })
    .where('id', '=', input.id)
    .where('state', '=', 'received')
    .returningAll()
    .executeTakeFirst();
  return row && toDocumentRecord(row);
}

export async function countReminder(q: Queryable, id: string): Promise<void> {
  await tables(q)
    .updateTable('claim_documents')
    .set((eb) => ({ reminders: eb('reminders', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

export async function insertFile(q: Queryable, input: { documentId: string; filename: string; mimeType: string; data: Uint8Array; at: Date }): Promise<string> {
  const id = newId('doc').replace('doc_', 'fil_');
  await tables(q)
    .insertInto('claim_files')
    .values({ id, document_id: input.documentId, filename: input.filename, mime_type: input.mimeType, size_bytes: input.data.byteLength, data: input.data, received_at: input.at })
    .execute();
  return id;
}
