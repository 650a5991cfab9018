// What the intake worker does with a message's attachments: keeps them with the message, says so in the
// message's text when the customer wrote nothing else, and tells the sender of a file too large to keep.
import type { Tx } from '../../db/create-db.js';
import type { DomainBus } from '../../domain-events.js';
import type { CaseRecord } from '../../features/cases/index.js';
import { queueCustomerEmail } from '../../features/claims/customer-email.js';
import type { OutboxService } from '../../features/comms/outbox.service.js';
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

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * Stores the message's attachments inside `tx`; for files over the cap, queues one note to the sender naming
 * them (once per message), unless the sender is a robot. Returns the stored attachments' ids.
 */
export async function storeInboundAttachments(
  tx: Tx,
  input: { email: ParsedEmail; messageId: string; caseRecord: CaseRecord; customerId: string; replyTo: string | null; maxBytes: number; outbox: OutboxService; bus: DomainBus; at: Date },
): Promise<string[]> {
  const { email } = input;
  const ids = await repo.insertAttachments(tx, {
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
  const tooLarge = email.attachments.map((a, index) => ({ a, name: defaultName(a, index) })).filter(({ a }) => a.content === null);
  if (tooLarge.length > 0 && input.replyTo) {
    const list = tooLarge.map(({ a, name }) => `- ${name} (${megabytes(a.size)})`).join('\n');
    await queueCustomerEmail(tx, {
      outbox: input.outbox,
      bus: input.bus,
      email: {
        key: `attachment-too-large:${input.messageId}`,
        customerId: input.customerId,
        to: input.replyTo,
        caseRecord: input.caseRecord,
        orderNumber: input.caseRecord.orderNumber,
        origin: 'attachment_too_large',
        subject: `Re: ${email.subject || 'your message'}`,
        body: `We received your message, but ${tooLarge.length === 1 ? 'this file is' : 'these files are'} larger than the ${megabytes(input.maxBytes)} we can keep per file:\n\n${list}\n\nPlease send ${tooLarge.length === 1 ? 'it' : 'them'} again in a smaller size (a photo at a lower resolution, or a PDF split into parts). Everything else in your message reached us.`,
        at: input.at,
      },
    });
  }
  return ids;
}
