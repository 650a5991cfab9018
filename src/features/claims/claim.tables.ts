// The claims tables as Kysely sees them (migration 2026-11-24T04-30-surveys-claims).
import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { ClaimType, DocumentKind, DocumentState } from './claim.js';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface ClaimsTable {
  id: string;
  case_id: string;
  customer_id: string;
  order_number: string | null;
  type: ClaimType;
  opened_by: string;
  state: 'open' | 'resolved';
  resolution: JSONColumnType<Record<string, unknown>, string, string> | null;
  opened_at: Timestamp;
  resolved_at: Timestamp | null;
}

export interface ClaimDocumentsTable {
  id: string;
  claim_id: string;
  case_id: string;
  kind: DocumentKind;
  state: DocumentState;
  token: string;
  commitment_id: string | null;
  reminders: Generated<number>;
  submission: JSONColumnType<Record<string, unknown>, string, string> | null;
  decision_note: string | null;
  decided_by: string | null;
  requested_at: Timestamp;
  received_at: Timestamp | null;
  decided_at: Timestamp | null;
}

export interface ClaimFilesTable {
  id: string;
  document_id: string;
  filename: string;
  mime_type: string;
  size_bytes: number;
  data: Uint8Array;
  received_at: Timestamp;
}

// A type alias, not an interface: Kysely's withTables wants an indexable record.
export type ClaimTables = {
  claims: ClaimsTable;
  claim_documents: ClaimDocumentsTable;
  claim_files: ClaimFilesTable;
};
