// The only SQL for surveys: invitations, responses (from Kept's forms and outside tools) and closed loops.
import type { Selectable } from 'kysely';
import type { Queryable } from '../../db/create-db.js';
import { newId, newPublicToken } from '../../shared/ids.js';
import type { SurveyKind } from './survey.js';
import type { SurveyAnswer, SurveyInvitationsTable, SurveyLoopsTable, SurveyTables } from './survey.tables.js';

const tables = (q: Queryable) => q.withTables<SurveyTables>();

export interface InvitationRecord {
  id: string;
  token: string;
  customerId: string;
  caseId: string | null;
  orderNumber: string | null;
  trigger: string;
  kind: SurveyKind;
  toAddress: string;
  sentAt: Date;
  respondedAt: Date | null;
  response: SurveyAnswer | null;
}

export interface LoopRecord {
  caseId: string;
  customerId: string;
  score: number;
  openedAt: Date;
  closedAt: Date | null;
  closedByMessageId: string | null;
  outcome: 'recovered' | 'not_recovered' | null;
  outcomeNote: string | null;
  outcomeAt: Date | null;
}

function toInvitationRecord(row: Selectable<SurveyInvitationsTable>): InvitationRecord {
  return {
    id: row.id,
    token: row.token,
    customerId: row.customer_id,
    caseId: row.case_id,
    orderNumber: row.order_number,
    trigger: row.trigger,
    kind: row.kind,
    toAddress: row.to_address,
    sentAt: row.sent_at,
    respondedAt: row.responded_at,
    response: row.response,
  };
}

function toLoopRecord(row: Selectable<SurveyLoopsTable>): LoopRecord {
  return {
    caseId: row.case_id,
    customerId: row.customer_id,
    score: row.score,
    openedAt: row.opened_at,
    closedAt: row.closed_at,
    closedByMessageId: row.closed_by_message_id,
    outcome: row.outcome,
    outcomeNote: row.outcome_note,
    outcomeAt: row.outcome_at,
  };
}

/** When the customer was last invited to any survey. */
export async function findLastInvitationTime(q: Queryable, customerId: string): Promise<Date | undefined> {
  const row = await tables(q).selectFrom('survey_invitations').select('sent_at').where('customer_id', '=', customerId).orderBy('sent_at', 'desc').limit(1).executeTakeFirst();
  return row?.sent_at;
}

/** A new invitation's id and token, known before it is written so that its email can link to it. */
export function newInvitationKeys(): { id: string; token: string } {
  return { id: newId('srv'), token: newPublicToken() };
}

export async function insertInvitation(
  q: Queryable,
  input: { id: string; token: string; customerId: string; caseId: string | null; orderNumber: string | null; trigger: string; kind: SurveyKind; toAddress: string; outboxId: string | null; at: Date },
): Promise<InvitationRecord> {
  const row = await tables(q)
    .insertInto('survey_invitations')
    .values({
      id: input.id,
      token: input.token,
      customer_id: input.customerId,
      case_id: input.caseId,
      order_number: input.orderNumber,
      trigger: input.trigger,
      kind: input.kind,
      to_address: input.toAddress,
      outbox_id: input.outboxId,
      sent_at: input.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toInvitationRecord(row);
}

export async function findInvitationByToken(q: Queryable, token: string): Promise<InvitationRecord | undefined> {
  const row = await tables(q).selectFrom('survey_invitations').selectAll().where('token', '=', token).executeTakeFirst();
  return row && toInvitationRecord(row);
}

/** Records the first answer to an invitation; a later one changes nothing. */
export async function markInvitationResponded(q: Queryable, input: { id: string; response: SurveyAnswer; at: Date }): Promise<void> {
  await tables(q)
    .updateTable('survey_invitations')
    .set({ responded_at: input.at, response: JSON.stringify(input.response) })
    .where('id', '=', input.id)
    .where('responded_at', 'is', null)
    .execute();
}

export async function insertResponse(
  q: Queryable,
  input: { eventId: string; customerId: string | null; invitationId: string | null; kind: string; score: number; contactRequested: boolean; caseId: string | null; at: Date },
): Promise<void> {
  await tables(q)
    .insertInto('survey_responses')
    .values({
      event_id: input.eventId,
      customer_id: input.customerId,
      invitation_id: input.invitationId,
      kind: input.kind,
      score: input.score,
      contact_requested: input.contactRequested,
      case_id: input.caseId,
      responded_at: input.at,
    })
    .onConflict((oc) => oc.column('event_id').doNothing())
    .execute();
}

export async function insertLoop(q: Queryable, input: { caseId: string; customerId: string; eventId: string; score: number; at: Date }): Promise<void> {
  await tables(q)
    .insertInto('survey_loops')
    .values({ case_id: input.caseId, customer_id: input.customerId, event_id: input.eventId, score: input.score, opened_at: input.at })
    .onConflict((oc) => oc.column('case_id').doNothing())
    .execute();
}

/** Closes a case's loop at the first agent message delivered on it; later ones change nothing. */
export async function closeLoop(q: Queryable, input: { caseId: string; messageId: string; at: Date }): Promise<boolean> {
  const result = await tables(q)
    .updateTable('survey_loops')
    .set({ closed_at: input.at, closed_by_message_id: input.messageId })
    .where('case_id', '=', input.caseId)
    .where('closed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function findLoop(q: Queryable, caseId: string): Promise<LoopRecord | undefined> {
  const row = await tables(q).selectFrom('survey_loops').selectAll().where('case_id', '=', caseId).executeTakeFirst();
  return row && toLoopRecord(row);
}

export async function setLoopOutcome(
  q: Queryable,
  input: { caseId: string; outcome: 'recovered' | 'not_recovered'; note: string | null; by: string | null; at: Date },
): Promise<LoopRecord | undefined> {
  const row = await tables(q)
    .updateTable('survey_loops')
    .set({ outcome: input.outcome, outcome_note: input.note, outcome_by: input.by, outcome_at: input.at })
    .where('case_id', '=', input.caseId)
    .returningAll()
    .executeTakeFirst();
  return row && toLoopRecord(row);
}

export async function listResponses(q: Queryable, range: { from: Date; to: Date }): Promise<{ kind: string; score: number; at: Date }[]> {
  const rows = await tables(q)
    .selectFrom('survey_responses')
    .select(['kind', 'score', 'responded_at'])
    .where('responded_at', '>=', range.from)
    .where('responded_at', '<=', range.to)
    .orderBy('responded_at')
    .execute();
  return rows.map((row) => ({ kind: row.kind, score: row.score, at: row.responded_at }));
}

export async function countInvitations(q: Queryable, range: { from: Date; to: Date }): Promise<{ invited: number; responded: number }> {
  const row = await tables(q)
    .selectFrom('survey_invitations')
    .select((eb) => [eb.fn.countAll<number>().as('invited'), eb.fn.count<number>('responded_at').as('responded')])
    .where('sent_at', '>=', range.from)
    .where('sent_at', '<=', range.to)
    .executeTakeFirstOrThrow();
  return { invited: Number(row.invited), responded: Number(row.responded) };
}

export async function listLoops(q: Queryable, range: { from: Date; to: Date }): Promise<LoopRecord[]> {
  const rows = await tables(q).selectFrom('survey_loops').selectAll().where('opened_at', '>=', range.from).where('opened_at', '<=', range.to).orderBy('opened_at').execute();
  return rows.map(toLoopRecord);
}
