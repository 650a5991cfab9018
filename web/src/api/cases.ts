// Cases: the queues, one case, and what an agent does to it.
import { query, request, requestRaw } from './http';
import type { CaseDetail, CaseState, CaseSummary, Finding, OpenedCommitment, Page, Preview, PreviewInput, ReplyInput, ReplyPromise, ReplyResult, SentMessage, Queue } from './types';

/** `GET /api/v1/cases?queue=&customer_id=&state=&cursor=` — one page of a queue, or of a customer's cases. */
export function listCases(params: { queue?: Queue; customerId?: string; state?: CaseState | ''; cursor?: string | null; limit?: number }): Promise<Page<CaseSummary>> {
  const { queue, customerId, state, cursor, limit } = params;
  return request<Page<CaseSummary>>(`/cases${query({ queue, customer_id: customerId, state, cursor, limit: limit?.toString() })}`);
}

/** `GET /api/v1/cases/{id}` — a case with its commitments, risk and documents. */
export function fetchCase(id: string): Promise<CaseDetail> {
  return request<CaseDetail>(`/cases/${encodeURIComponent(id)}`);
}

/**
 * `POST /api/v1/cases/{id}/replies` — sends a reply. A reply held by the checks (422) is an
 * expected outcome and comes back as `{status: 'held', findings}`.
 */
export async function sendReply(caseId: string, input: ReplyInput): Promise<ReplyResult> {
  const raw = await requestRaw(`/cases/${encodeURIComponent(caseId)}/replies`, { method: 'POST', body: input, accept: [422] });
  if (raw.status === 422) {
    const body = raw.body as { findings?: Finding[] } | null;
    return { status: 'held', findings: body?.findings ?? [] };
  }
  const body = raw.body as { message: SentMessage; promises?: ReplyPromise[]; commitments_opened?: OpenedCommitment[] };
  return { status: 'sent', message: body.message, promises: body.promises ?? [], commitments_opened: body.commitments_opened ?? [] };
}

/**
 * `POST /api/v1/cases/{id}/replies/preview` — renders a draft and runs the checks without sending.
 * The server answers `{subject, body, channel, findings, promises?}`; `body` is what would be sent.
 */
export async function previewReply(caseId: string, input: PreviewInput): Promise<Preview> {
  const body = await request<{ subject?: string | null; body?: string; rendered?: string; findings?: Finding[]; promises?: ReplyPromise[] }>(`/cases/${encodeURIComponent(caseId)}/replies/preview`, {
    method: 'POST',
    body: input,
  });
  return { rendered: body.body ?? body.rendered ?? '', findings: body.findings ?? [], promises: body.promises ?? [] };
}

/** `POST /api/v1/cases/{id}/assign` — gives the case to an owner. */
export async function assignCase(caseId: string, ownerId: string): Promise<void> {
  await request<unknown>(`/cases/${encodeURIComponent(caseId)}/assign`, { method: 'POST', body: { owner_id: ownerId } });
}

/** `POST /api/v1/cases/{id}/escalate` — opens an escalation owned by a manager. */
export async function escalateCase(caseId: string, note: string): Promise<void> {
  await request<unknown>(`/cases/${encodeURIComponent(caseId)}/escalate`, { method: 'POST', body: { note } });
}

/** `POST /api/v1/cases/{id}/resolve` — marks the case resolved. */
export async function resolveCase(caseId: string): Promise<void> {
  await request<unknown>(`/cases/${encodeURIComponent(caseId)}/resolve`, { method: 'POST', body: {} });
}
