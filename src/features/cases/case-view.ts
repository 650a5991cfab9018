// The case JSON of GET /cases/{id}: its shape, the message view, and the parts read in the same statement
// as the case — its messages and commitments here, and what other features add as view extensions. The
// database writes the whole case as JSON text (case.repo.ts, src/db/json-view.ts); the parts' subqueries
// write the same fields in the same order as the views built in Node (toMessageView, toCommitmentView…),
// which case-view.test holds to, byte for byte.
import type { Expression } from 'kysely';
import type { Queryable } from '../../db/create-db.js';
import type { CaseState } from '../../db/database.js';
import * as commitmentRepo from '../commitments/index.js';
import * as messageRepo from './message.repo.js';

export interface CaseView {
  id: string;
  number: number;
  token: string;
  customer_id: string;
  state: CaseState;
  owner_id: string | null;
  subject: string;
  channels: string[];
  order_number: string | null;
  kind: string;
  queue: string | null;
  escalated: boolean;
  flagged: boolean;
  risk: { score: number; signals: { code: string; detail: string; weight: number }[] };
  messages: ReturnType<typeof toMessageView>[];
  commitments: ReturnType<typeof commitmentRepo.toCommitmentView>[];
  documents: unknown[];
  /** Files customers sent with their messages (the email channel's view extension). */
  attachments?: unknown[];
  status_url: string;
  created_at: string;
  updated_at: string;
  resolved_at: string | null;
}

export function toMessageView(message: messageRepo.MessageRecord) {
  return {
    id: message.id,
    direction: message.direction,
    channel: message.channel,
    author_kind: message.authorKind,
    author_id: message.authorId,
    subject: message.subject,
    body: message.body,
    thread_ref: message.threadRef,
    order_numbers: message.orderNumbers,
    noise: message.noise,
    status: message.status,
    at: message.at.toISOString(),
  };
}

/**
 * A field of the case JSON read in the same statement as the case: `select` is a subquery of the owning
 * feature's repo, correlated on the case's id, that gives the field's value as JSON.
 */
export interface CaseViewPart {
  field: string;
  select(q: Queryable, caseId: Expression<string>): Expression<unknown>;
}

/** Parts of the case JSON that other features own (documents of claims, notes, …). */
export type CaseViewExtension = CaseViewPart;

// Past this many, a case's commitments are cut from its JSON (GET /commitments?case_id= pages through all).
const commitmentsInCaseView = 1000;

export const messagesPart: CaseViewPart = { field: 'messages', select: messageRepo.selectMessageViewsOfCase };

export const commitmentsPart: CaseViewPart = {
  field: 'commitments',
  select: (q, caseId) => commitmentRepo.selectCommitmentViewsOfCase(q, { caseId, limit: commitmentsInCaseView }),
};
