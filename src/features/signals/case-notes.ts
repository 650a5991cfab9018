// Notes on a case that are not messages to the customer: why it was escalated or routed to recovery, who
// handed it on. They are shown with the case (`notes` in its JSON) and never sent.
import { defineCaseViewPart } from '../cases/case-view.js';
import * as repo from './signal.repo.js';

export interface CaseNoteView {
  id: string;
  kind: string;
  author_id: string | null;
  body: string;
  at: string;
}

/** Adds `notes` to a case's JSON (a case view extension for the cases feature). */
export const caseNotesView = defineCaseViewPart({
  field: 'notes',
  select: repo.selectCaseNotesAsJson,
  toView: (rows): CaseNoteView[] => repo.toCaseNotes(rows).map((note) => ({ id: note.id, kind: note.kind, author_id: note.authorId, body: note.body, at: note.at.toISOString() })),
});
