// The survey tables as Kysely sees them (migration 2026-11-24T04-30-surveys-claims).
import type { ColumnType, JSONColumnType } from 'kysely';
import type { SurveyKind } from './survey.js';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface SurveyInvitationsTable {
  id: string;
  token: string;
  customer_id: string;
  case_id: string | null;
  order_number: string | null;
  trigger: string;
  kind: SurveyKind;
  to_address: string;
  outbox_id: string | null;
  sent_at: Timestamp;
  responded_at: Timestamp | null;
  response: JSONColumnType<SurveyAnswer, string, string> | null;
}

export interface SurveyAnswer {
  answer: number;
  score: number;
  comment: string | null;
  contact_requested: boolean;
}

export interface SurveyResponsesTable {
  event_id: string;
  customer_id: string | null;
  invitation_id: string | null;
  kind: string;
  score: number;
  contact_requested: ColumnType<boolean, boolean | undefined, boolean>;
  case_id: string | null;
  responded_at: Timestamp;
}

export interface SurveyLoopsTable {
  case_id: string;
  customer_id: string;
  event_id: string;
  score: number;
  opened_at: Timestamp;
  closed_at: Timestamp | null;
  closed_by_message_id: string | null;
  outcome: 'recovered' | 'not_recovered' | null;
  outcome_note: string | null;
  outcome_by: string | null;
  outcome_at: Timestamp | null;
}

// A type alias, not an interface: Kysely's withTables wants an indexable record.
export type SurveyTables = {
  survey_invitations: SurveyInvitationsTable;
  survey_responses: SurveyResponsesTable;
  survey_loops: SurveyLoopsTable;
};
