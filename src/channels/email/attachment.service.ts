// Attachments of inbound mail for agents: the case JSON lists them (a view extension), an agent downloads one,
// and the claims feature reads one to accept it as a requested document.
import type { Db, Queryable } from '../../db/create-db.js';
import type { CaseViewExtension } from '../../features/cases/case-view.js';
import { AppError } from '../../shared/app-error.js';
import * as repo from './attachment.repo.js';

/** `attachments` of the case JSON: `[{id, message_id, filename, content_type, size, stored, created_at}]`. */
export const caseAttachmentsView: CaseViewExtension = { field: 'attachments', select: repo.selectAttachmentViewsOfCase };

/** A stored attachment with its bytes, as an agent downloads it or a claim takes it as a document. */
export interface AttachmentFile {
  id: string;
  caseId: string;
  messageId: string;
  filename: string;
  contentType: string;
  data: Uint8Array;
}

/** The attachment with its bytes; `not_found` when there is none, `conflict` when it was over the cap and its bytes were not kept. */
export async function readAttachmentFile(q: Queryable, id: string): Promise<AttachmentFile> {
  const found = await repo.findAttachment(q, id);
  if (!found) throw new AppError('not_found', { detail: `No attachment ${id}` });
  if (!found.content) throw new AppError('conflict', { detail: `${found.filename} was larger than the attachment size cap; only its name and size were kept` });
  return { id: found.id, caseId: found.caseId, messageId: found.messageId, filename: found.filename, contentType: found.contentType, data: found.content };
}

export function createAttachmentService(deps: { db: Db }) {
  return { readAttachmentFile: (id: string) => readAttachmentFile(deps.db, id) };
}

export type AttachmentService = ReturnType<typeof createAttachmentService>;
