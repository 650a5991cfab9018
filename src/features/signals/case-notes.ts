// Notes on a case that are not messages to the customer: why it was escalated or routed to recovery, who
// handed it on. They are shown with the case (`notes` in its JSON) and never sent.
import type { CaseViewExtension } from '../cases/case-view.js';
import * as repo from './signal.repo.js';

export interface CaseNoteView {
  id: string;
  kind: string;
  author_id: string | null;
  body: string;
  at: string;
}

/** Adds `notes` (each a CaseNoteView) to a case's JSON (a case view extension for the cases feature). */
export const caseNotesView: CaseViewExtension = { field: 'notes', select: repo.selectCaseNoteViews };
