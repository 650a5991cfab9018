// Agent assist: `GET /api/v1/cases/{id}/assist` — the identifiers in the customer's messages explained from
// the records, and a suggested reply (already checked by the fact audit, never sent by itself).
import { request } from './http';
import type { components } from './schema';
import type { Answer } from './types';

/** The answer of `getCaseAssist`, as the API document types it. */
export type CaseAssist = Answer<'getCaseAssist'>;
export type AssistExplanation = CaseAssist['explanations'][number];

/** A case message as the case JSON carries it; only what the assist panel shows. */
export type AssistMessage = Pick<components['schemas']['Message'], 'id' | 'direction' | 'body' | 'at'>;

export function fetchCaseAssist(caseId: string): Promise<CaseAssist> {
  return request<CaseAssist>(`/cases/${encodeURIComponent(caseId)}/assist`);
}
