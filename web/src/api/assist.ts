// Agent assist: `GET /api/v1/cases/{id}/assist` — the identifiers in the customer's messages explained from
// the records, and a suggested reply (already checked by the fact audit, never sent by itself).
import { request } from './http';

export interface AssistExplanation {
  message_id: string;
  text: string;
  at: number;
  kind: string;
  called: string | null;
  record: { type: 'order' | 'case' | 'customer'; id: string } | null;
  explanation: string;
}

export interface CaseAssist {
  explanations: AssistExplanation[];
  suggested_reply: {
    body: string;
    facts: { kind: string; value: string }[];
    reason_code?: string;
    audit: { ok: boolean; findings: { code: string; detail: string }[] };
  } | null;
}

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
