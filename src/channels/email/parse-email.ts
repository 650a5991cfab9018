// Raw RFC 5322 bytes → ParsedEmail, or a typed failure the caller quarantines. Never throws.
import { convert as htmlToText } from 'html-to-text';
import { simpleParser } from 'mailparser';
import type { AddressObject, Attachment, HeaderLines, ParsedMail } from 'mailparser';
import { sanitiseHtml } from './sanitise-html.js';
import { foldQuotedText } from './visible-text.js';
import type { AttachmentMeta, DeliveryReport, MailAddress, ParseEmailResult, ParsedEmail } from './parsed-email.js';

/**
 * Parses a raw message. Broken MIME that mailparser can still read yields what it could read; input
 * that is not a message at all, or that makes the parser fail, comes back as `{ ok: false }`.
 */
export async function parseEmail(raw: Buffer): Promise<ParseEmailResult> {
  if (raw.length === 0 || raw.toString('latin1').trim() === '') {
    return { ok: false, reason: 'empty', detail: 'the message has no bytes' };
  }
  let mail: ParsedMail;
  try {
    mail = await simpleParser(raw, { skipImageLinks: true, keepDeliveryStatus: true });
  } catch (error) {
    return { ok: false, reason: 'unparseable', detail: error instanceof Error ? error.message : String(error) };
  }
  const headers = collectHeaders(mail.headerLines);
  if (!headers['from'] && !headers['message-id'] && !headers['date'] && !headers['subject']) {
    return { ok: false, reason: 'not_a_message', detail: 'no From, Message-ID, Date or Subject header' };
  }
  try {
    return { ok: true, email: toParsedEmail(mail, headers) };
  } catch (error) {
    return { ok: false, reason: 'unparseable', detail: error instanceof Error ? error.message : String(error) };
  }
}

function toParsedEmail(mail: ParsedMail, headers: Record<string, string>): ParsedEmail {
  const html = typeof mail.html === 'string' && mail.html.trim() !== '' ? sanitiseHtml(mail.html) : null;
  // mailparser derives text from a lone text/html body but not from HTML inside multipart/related.
  const text = (mail.text?.trim() ? mail.text : html ? textFromHtml(html) : '').replace(/\r\n/g, '\n');
  const contentTypeHeader = mail.headers.get('content-type');
  const contentType = structuredValue(contentTypeHeader)?.toLowerCase() ?? 'text/plain';
  const reportType = structuredParam(contentTypeHeader, 'report-type')?.toLowerCase() ?? null;
  return {
    messageId: mail.messageId ? stripBrackets(mail.messageId) : null,
    inReplyTo: messageIdList(mail.inReplyTo),
    references: messageIdList(mail.references),
    from: addresses(mail.from)[0] ?? null,
    replyTo: addresses(mail.replyTo),
    to: addresses(mail.to),
    cc: addresses(mail.cc),
    subject: (mail.subject ?? '').trim(),
    text,
    visibleText: foldQuotedText(text),
    html,
    attachments: mail.attachments.filter((a) => !isReportPart(a)).map(attachmentMeta),
    date: mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date : null,
    contentType,
    reportType,
    deliveryReport: contentType === 'multipart/report' ? deliveryReport(mail.attachments) : null,
    headers,
  };
}

function textFromHtml(html: string): string {
  return htmlToText(html, {
    wordwrap: false,
    selectors: [
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
    ],
  });
}

function collectHeaders(lines: HeaderLines): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const { key, line } of lines) {
    const name = key.toLowerCase();
    if (name in headers) continue;
    const colon = line.indexOf(':');
    headers[name] = line.slice(colon + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
  }
  return headers;
}

function structuredValue(header: unknown): string | null {
  if (typeof header === 'string') return header.split(';')[0]?.trim() ?? null;
  if (header && typeof header === 'object' && 'value' in header && typeof header.value === 'string') return header.value;
  return null;
}

function structuredParam(header: unknown, name: string): string | null {
  if (header && typeof header === 'object' && 'params' in header && header.params && typeof header.params === 'object') {
    const value: unknown = (header.params as Record<string, unknown>)[name];
    return typeof value === 'string' ? value : null;
  }
  return null;
}

function stripBrackets(id: string): string {
  return id.trim().replace(/^<+/, '').replace(/>+$/, '').trim();
}

function messageIdList(value: string | string[] | undefined): string[] {
  if (!value) return [];
  const joined = Array.isArray(value) ? value.join(' ') : value;
  const bracketed = joined.match(/<[^<>\s]+>/g);
  const ids = bracketed ? bracketed.map(stripBrackets) : joined.split(/[\s,]+/).map(stripBrackets);
  return [...new Set(ids.filter((id) => id.includes('@')))];
}

function addresses(value: AddressObject | AddressObject[] | undefined): MailAddress[] {
  if (!value) return [];
  const objects = Array.isArray(value) ? value : [value];
  const result: MailAddress[] = [];
  for (const object of objects) {
    for (const entry of object.value) {
      const members = entry.group ?? [entry];
      for (const member of members) {
        if (member.address) result.push({ address: member.address.toLowerCase(), name: member.name ?? '' });
      }
    }
  }
  return result;
}

function isReportPart(attachment: Attachment): boolean {
  return attachment.contentType === 'message/delivery-status' || attachment.contentType === 'text/rfc822-headers';
}

function attachmentMeta(attachment: Attachment): AttachmentMeta {
  return {
    filename: attachment.filename ?? null,
    contentType: attachment.contentType,
    size: attachment.size,
    contentId: attachment.contentId ? stripBrackets(attachment.contentId) : null,
    inline: attachment.contentDisposition === 'inline' || attachment.related === true,
    checksum: attachment.checksum,
  };
}

// RFC 3464: the second part is message/delivery-status, the third the original message or its headers.
function deliveryReport(parts: Attachment[]): DeliveryReport {
  const statusPart = parts.find((p) => p.contentType === 'message/delivery-status');
  const originalPart = parts.find((p) => p.contentType === 'message/rfc822' || p.contentType === 'text/rfc822-headers');
  const statusText = statusPart ? statusPart.content.toString('utf8') : '';
  const originalText = originalPart ? originalPart.content.toString('utf8') : '';
  const headerBlock = originalText.split(/\r?\n\r?\n/)[0] ?? '';
  const idMatch = /^Message-ID:\s*(?:\r?\n[ \t]+)?<?([^<>\s]+@[^<>\s]+)>?/im.exec(headerBlock);
  const failedRecipients = [...statusText.matchAll(/^(?:Final|Original)-Recipient:\s*[^;]*;\s*(\S+)/gim)]
    .map((m) => (m[1] ?? '').toLowerCase().replace(/^<|>$/g, ''));
  return {
    originalMessageId: idMatch?.[1] ?? null,
    failedRecipients: [...new Set(failedRecipients)],
    status: /^Status:\s*(\d\.\d{1,3}\.\d{1,3})/im.exec(statusText)?.[1] ?? null,
    action: /^Action:\s*(\w+)/im.exec(statusText)?.[1]?.toLowerCase() ?? null,
  };
}
