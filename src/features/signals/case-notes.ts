// Notes on a case that are not messages to the customer: why it was escalated or routed to recovery, who
// handed it on. They are shown with the case (`notes` in its JSON) and never sent.
import type { Queryable } from '../../db/create-db.js';
import * as repo from './signal.repo.js';

export interface CaseNoteView {
  id: string;
  kind: string;
  author_id: string | null;
  body: string;
  at: string;
}

/** Adds `notes` to a case's JSON (a case view extension for the cases feature). */
export async function caseNotesView(q: Queryable, caseId: string): Promise<{ notes: CaseNoteView[] }> {
  const notes = await repo.listCaseNotes(q, caseId);
  return { notes: notes.map((note) => ({ id: note.id, kind: note.kind, author_id: note.authorId, body: note.body, at: note.at.toISOString() })) };
}
