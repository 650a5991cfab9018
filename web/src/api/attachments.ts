// Files customers emailed: downloading one (with the session's token, so not a plain link) and accepting
// one as a claim's requested document.
import { readToken } from './token';
import { ApiError, request } from './http';
import type { CaseDocument } from './types';

/** `GET /api/v1/attachments/{id}` — fetches the file and hands it to the browser as a download. */
export async function downloadAttachment(id: string, filename: string): Promise<void> {
  const token = readToken();
  const response = await fetch(`/api/v1/attachments/${encodeURIComponent(id)}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!response.ok) throw new ApiError(response.status, `${response.status} ${response.statusText}`, null);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** `POST /api/v1/cases/{id}/documents/{docId}/attachment` — the emailed file is the requested document. */
export function acceptAttachmentAsDocument(caseId: string, documentId: string, attachmentId: string): Promise<CaseDocument> {
  return request<CaseDocument>(`/cases/${encodeURIComponent(caseId)}/documents/${encodeURIComponent(documentId)}/attachment`, { method: 'POST', body: { attachment_id: attachmentId } });
}
