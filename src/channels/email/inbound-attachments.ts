// What the intake worker does with a message's attachments: keeps them with the message, says so in the
// message's text when the customer wrote nothing else, and names the files too large to keep, which the
// message's one answer (the acknowledgement, or a notice alone) tells the sender.
import type { Tx } from '../../db/create-db.js';
import type { FileNotKept } from '../../domain-events.js';
import type { CaseRecord } from '../../features/cases/index.js';
import * as repo from './attachment.repo.js';
import type { AttachmentMeta, ParsedEmail } from './parsed-email.js';

const defaultName = (a: AttachmentMeta, index: number) => a.filename?.trim() || `attachment-${index + 1}.${a.contentType.split('/')[1]?.replace(/[^a-z0-9]/gi, '') || 'bin'}`;

/** The message's text as stored: what the customer wrote, or, for an attachment-only mail, a line naming the files. */
export function inboundBody(email: ParsedEmail): string {
  const written = email.visibleText.trim() ? email.visibleText : email.text;
  if (written.trim() || email.attachments.length === 0) return written;
  const names = email.attachments.map(defaultName).join(', ');
  return `(no text; ${email.attachments.length === 1 ? 'one attachment' : `${email.attachments.length} attachments`}: ${names})`;
}

/** The files over the cap (their bytes were not kept): the answer to the message names them. */
export function filesNotKept(email: ParsedEmail, capBytes: number): FileNotKept[] {
  return email.attachments.flatMap((a, index) => (a.content === null ? [{ filename: defaultName(a, index), size: a.size, capBytes }] : []));
}

/** Stores the message's attachments inside `tx`, a file over the cap by its name, type and size only. Returns their ids. */
export async function storeInboundAttachments(tx: Tx, input: { email: ParsedEmail; messageId: string; caseRecord: CaseRecord; at: Date }): Promise<string[]> {
  const { email } = input;
  return repo.insertAttachments(tx, {
    messageId: input.messageId,
    caseId: input.caseRecord.id,
    at: input.at,
    attachments: email.attachments.map((a, index) => ({
      filename: defaultName(a, index),
      contentType: a.contentType,
      size: a.size,
      content: a.content,
      inline: a.inline,
      contentId: a.contentId,
      checksum: a.checksum,
    })),
  });
}
