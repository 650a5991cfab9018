// The parts of a parsed message that are not its text: addresses, attachments (with their bytes, capped) and
// the delivery report of a bounce (RFC 3464).
import type { AddressObject, Attachment } from 'mailparser';
import type { AttachmentMeta, DeliveryReport, MailAddress } from './parsed-email.js';

/** Removes NUL characters: PostgreSQL text and JSON cannot hold them, and no customer meant one. */
export function withoutNul(text: string): string {
  return text.includes('\u0000') ? text.replace(/\u0000/g, '') : text;
}

export function stripBrackets(id: string): string {
  return id.trim().replace(/^<+/, '').replace(/>+$/, '').trim();
}

export function messageIdList(value: string | string[] | undefined): string[] {
  if (!value) return [];
  const joined = Array.isArray(value) ? value.join(' ') : value;
  const bracketed = joined.match(/<[^<>\s]+>/g);
  const ids = bracketed ? bracketed.map(stripBrackets) : joined.split(/[\s,]+/).map(stripBrackets);
  return [...new Set(ids.filter((id) => id.includes('@')))];
}

export function addresses(value: AddressObject | AddressObject[] | undefined): MailAddress[] {
  if (!value) return [];
  const objects = Array.isArray(value) ? value : [value];
  const result: MailAddress[] = [];
  for (const object of objects) {
    for (const entry of object.value) {
      const members = entry.group ?? [entry];
      for (const member of members) {
        if (member.address) result.push({ address: withoutNul(member.address.toLowerCase()), name: withoutNul(member.name ?? '') });
      }
    }
  }
  return result;
}

const reportTypes = new Set(['message/delivery-status', 'text/rfc822-headers', 'message/global-delivery-status', 'message/global-headers']);

export function isReportPart(attachment: Attachment): boolean {
  return reportTypes.has(attachment.contentType);
}

/** An attachment's facts, and its bytes unless it is larger than `maxBytes` (then only its size is kept). */
export function attachmentMeta(attachment: Attachment, maxBytes: number): AttachmentMeta {
  const fits = attachment.size <= maxBytes;
  return {
    filename: attachment.filename ? withoutNul(attachment.filename) : null,
    contentType: attachment.contentType,
    size: attachment.size,
    contentId: attachment.contentId ? stripBrackets(attachment.contentId) : null,
    inline: attachment.contentDisposition === 'inline' || attachment.related === true,
    checksum: attachment.checksum,
    content: fits ? new Uint8Array(attachment.content) : null,
  };
}

const messageIdLine = /^Message-ID:\s*(?:\r?\n[ \t]+)?<?([^<>\s]+@[^<>\s]+)>?/im;

/** The Message-ID quoted in a bounce's returned headers (or, for a report-less bounce, in its text). */
export function quotedMessageId(text: string): string | null {
  return messageIdLine.exec(text)?.[1] ?? null;
}

// RFC 3464: a message/delivery-status part with per-recipient fields, and the original message or its headers.
// A forwarded message (message/rfc822 in a customer's mail) is no report: the status part or the top-level
// multipart/report says it is one.
export function deliveryReport(parts: Attachment[], options: { isReport: boolean }): DeliveryReport | null {
  const statusPart = parts.find((p) => p.contentType === 'message/delivery-status' || p.contentType === 'message/global-delivery-status');
  if (!statusPart && !options.isReport) return null;
  const originalPart = parts.find((p) => /^(message\/rfc822|text\/rfc822-headers|message\/global|message\/global-headers)$/.test(p.contentType));
  const statusText = statusPart ? statusPart.content.toString('utf8') : '';
  const originalText = originalPart ? originalPart.content.toString('utf8') : '';
  const headerBlock = originalText.split(/\r?\n\r?\n/)[0] ?? '';
  const failedRecipients = [...statusText.matchAll(/^(?:Final|Original)-Recipient:\s*[^;]*;\s*(\S+)/gim)].map((m) => (m[1] ?? '').toLowerCase().replace(/^<|>$/g, ''));
  return {
    originalMessageId: quotedMessageId(headerBlock),
    failedRecipients: [...new Set(failedRecipients)],
    status: /^Status:\s*(\d\.\d{1,3}\.\d{1,3})/im.exec(statusText)?.[1] ?? null,
    action: /^Action:\s*(\w+)/im.exec(statusText)?.[1]?.toLowerCase() ?? null,
  };
}
