// Agent assist: `GET /api/v1/cases/{id}/assist` — the identifiers in the customer's messages explained from
// the records, and a suggested reply (already checked by the fact audit, never sent by itself).
import { request } from './http';
import type { operations } from './schema';

/** The answer of `getCaseAssist`, as the API document types it. */
export type CaseAssist = operations['getCaseAssist']['responses'][200]['content']['application/json'];
export type AssistExplanation = CaseAssist['explanations'][number];

/** A case message as the case JSON carries it; only what the assist panel shows. */
export interface AssistMessage {
  id: string;
  direction: 'in' | 'out';
  body: string;
  at: string;
}

export function fetchCaseAssist(caseId: string): Promise<CaseAssist> {
  return request<CaseAssist>(`/cases/${encodeURIComponent(caseId)}/assist`);
}
