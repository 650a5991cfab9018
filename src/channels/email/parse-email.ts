// Raw RFC 5322 bytes → ParsedEmail, or a typed failure the caller quarantines. Never throws. The one parser
// of every path (SMTP, IMAP, HTTP); it runs in the parse pool's worker threads (parse-pool.ts), never on the
// server's event loop, and reads no more than its limits allow.
import { convert as htmlToText } from 'html-to-text';
import { simpleParser } from 'mailparser';
import type { HeaderLines, ParsedMail } from 'mailparser';
import iconv from 'iconv-lite';
import { chooseHeaderCharset, decodeHeaderValue, knownCharset, needsOwnDecoding } from './header-charset.js';
import { addresses, attachmentMeta, deliveryReport, isReportPart, messageIdList, quotedMessageId, stripBrackets, withoutNul } from './parse-parts.js';
import type { MailAddress, ParseEmailResult, ParsedEmail } from './parsed-email.js';
import { sanitiseHtml } from './sanitise-html.js';
import { foldQuotedText } from './visible-text.js';

export interface ParseLimits {
  /** Attachments larger than this keep their facts but not their bytes. */
  maxAttachmentBytes: number;
  /** HTML past this many characters is cut before it is sanitised (the costly step). */
  maxHtmlChars: number;
  /** Text past this many characters is cut before it is folded. */
  maxTextChars: number;
}

export const defaultParseLimits: ParseLimits = { maxAttachmentBytes: 10 * 1024 * 1024, maxHtmlChars: 1_000_000, maxTextChars: 500_000 };

/** An mbox envelope line (`From sender@host Tue Jan  2 10:00:00 2024`) before the headers, as exports and some webhooks send. */
const mboxEnvelope = /^From [^\r\n]*\r?\n/;

/** The message without an mbox envelope line in front; every door accepts both. */
export function withoutMboxEnvelope(raw: Buffer): Buffer {
  const head = raw.subarray(0, 1000).toString('latin1');
  const match = mboxEnvelope.exec(head);
  return match ? raw.subarray(match[0].length) : raw;
}

/**
 * Parses a raw message. Broken MIME that mailparser can still read yields what it could read; input
 * that is not a message at all, or that makes the parser fail, comes back as `{ ok: false }`.
 */
export async function parseEmail(input: Buffer, limits: ParseLimits = defaultParseLimits): Promise<ParseEmailResult> {
  const raw = withoutMboxEnvelope(input);
  if (raw.length === 0 || raw.toString('latin1').trim() === '') {
    return { ok: false, reason: 'empty', detail: 'the message has no bytes' };
  }
  let mail: ParsedMail;
  try {
    mail = await simpleParser(raw, { skipImageLinks: true, keepDeliveryStatus: true });
  } catch (error) {
    return { ok: false, reason: 'unparseable', detail: error instanceof Error ? error.message : String(error) };
  }
  const binaryHeaders = collectHeaders(mail.headerLines);
  if (!binaryHeaders['from'] && !binaryHeaders['message-id'] && !binaryHeaders['date'] && !binaryHeaders['subject']) {
    return { ok: false, reason: 'not_a_message', detail: 'no From, Message-ID, Date or Subject header' };
  }
  try {
    return { ok: true, email: toParsedEmail({ mail, raw, binaryHeaders, limits }) };
  } catch (error) {
    return { ok: false, reason: 'unparseable', detail: error instanceof Error ? error.message : String(error) };
  }
}

function toParsedEmail(input: { mail: ParsedMail; raw: Buffer; binaryHeaders: Record<string, string>; limits: ParseLimits }): ParsedEmail {
  const { mail, binaryHeaders, limits } = input;
  const declared = /charset\s*=\s*"?([A-Za-z0-9_.:-]+)/i.exec(input.raw.subarray(0, 65_536).toString('latin1'))?.[1] ?? null;
  const eightBit = Object.values(binaryHeaders).filter((value) => /[\x80-\xff]/.test(value));
  const fallback = chooseHeaderCharset({ declared, eightBitHeaders: Buffer.from(eightBit.join(' '), 'latin1') });
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(binaryHeaders)) headers[name] = withoutNul(decodeHeaderValue(value, fallback));
  // mailparser knows no UTF-7: a message that declares it is read here, headers and text.
  const utf7 = knownCharset(declared) === 'utf7';
  const own = (name: string) => utf7 || needsOwnDecoding(binaryHeaders[name] ?? '');

  const rawHtml = typeof mail.html === 'string' && mail.html.trim() !== '' ? mail.html.slice(0, limits.maxHtmlChars) : null;
  const html = rawHtml ? withoutNul(sanitiseHtml(rawHtml)) : null;
  // mailparser derives text from a lone text/html body but not from HTML inside multipart/related.
  const plain = mail.text?.trim() ? mail.text.slice(0, limits.maxTextChars) : '';
  const text = withoutNul((plain ? (utf7 ? iconv.decode(Buffer.from(plain), 'utf7') : plain) : html ? textFromHtml(html).slice(0, limits.maxTextChars) : '').replace(/\r\n/g, '\n'));
  const contentTypeHeader = mail.headers.get('content-type');
  const contentType = structuredValue(contentTypeHeader)?.toLowerCase() ?? 'text/plain';
  const reportType = structuredParam(contentTypeHeader, 'report-type')?.toLowerCase() ?? null;
  const from = addresses(mail.from)[0] ?? null;
  const subject = own('subject') ? (headers['subject'] ?? '') : withoutNul(mail.subject ?? '');
  return {
    messageId: mail.messageId ? withoutNul(stripBrackets(mail.messageId)) : null,
    inReplyTo: messageIdList(mail.inReplyTo),
    references: messageIdList(mail.references),
    from: from && own('from') ? { address: from.address, name: displayName(headers['from'] ?? '', from) } : from,
    fromHeader: headers['from'] ?? '',
    replyTo: addresses(mail.replyTo),
    to: addresses(mail.to),
    cc: addresses(mail.cc),
    subject: subject.trim(),
    text,
    visibleText: foldQuotedText(text),
    html,
    attachments: mail.attachments.filter((a) => !isReportPart(a)).map((a) => attachmentMeta(a, limits.maxAttachmentBytes)),
    date: mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date : null,
    contentType,
    reportType,
    deliveryReport:
      deliveryReport(mail.attachments, { isReport: contentType === 'multipart/report' }) ?? (/^(mailer-daemon|postmaster)\b/i.test(headers['from'] ?? '') ? reportlessBounce(text) : null),
    headers,
  };
}

/** A bounce without a report still usually quotes the headers of the message it returns. */
function reportlessBounce(text: string) {
  return { originalMessageId: quotedMessageId(text), failedRecipients: [], status: null, action: null };
}

/** The display name of a one-address header decoded by our own rules: the text around the address. */
function displayName(decoded: string, address: MailAddress): string {
  const name = decoded
    .replace(/<[^<>]*>/, '')
    .replace(address.address, '')
    .replace(/^[\s"']+|[\s"']+$/g, '');
  return name || address.name;
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

/** Every header's first occurrence, unfolded, as a binary string (one char per raw byte). */
function collectHeaders(lines: HeaderLines): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const { key, line } of lines) {
    const name = key.toLowerCase();
    if (name in headers) continue;
    const colon = line.indexOf(':');
    headers[name] = line
      .slice(colon + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim();
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
