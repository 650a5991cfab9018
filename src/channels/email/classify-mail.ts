// Pure loop and noise rules: which inbound mail is a person, which a machine answering, which a bounce.
import type { ParsedEmail } from './parsed-email.js';

export type MailKind = 'human' | 'auto_reply' | 'bounce';

export interface MailClassification {
  kind: MailKind;
  /** Why, in words a log reader understands, e.g. `Auto-Submitted: auto-replied`. */
  reason: string;
  /** For a bounce: the Message-ID of our message that failed, when the report names it. */
  bouncedMessageId: string | null;
}

const bulkPrecedence = new Set(['bulk', 'junk', 'list', 'auto_reply', 'auto-reply']);
const bouncerLocalParts = /^(mailer-daemon|postmaster)$/i;

/**
 * Classifies a parsed message. Auto-replies and bounces are stored on the case but get no
 * acknowledgement and open no commitment; only `human` mail does.
 */
export function classifyMail(parsed: ParsedEmail): MailClassification {
  const h = parsed.headers;
  const report = parsed.deliveryReport;
  if (parsed.contentType === 'multipart/report' && (parsed.reportType ?? 'delivery-status') === 'delivery-status') {
    return { kind: 'bounce', reason: 'multipart/report delivery-status', bouncedMessageId: report?.originalMessageId ?? null };
  }
  // A bounce's From often has no address at all (`MAILER-DAEMON (Mail Delivery System)`): the header as written counts.
  const fromLocal = parsed.from?.address.split('@')[0] ?? '';
  const fromDaemon = bouncerLocalParts.test(fromLocal) || /^\s*"?(mailer-daemon|postmaster)\b/i.test(parsed.fromHeader);
  if (report && (report.action !== null || report.status !== null)) {
    return { kind: 'bounce', reason: 'message/delivery-status part', bouncedMessageId: report.originalMessageId };
  }
  if (fromDaemon && (h['return-path'] === '<>' || /undeliver|failure|returned|delivery status/i.test(parsed.subject))) {
    return { kind: 'bounce', reason: `From ${parsed.from?.address ?? parsed.fromHeader} without a report`, bouncedMessageId: report?.originalMessageId ?? null };
  }
  const autoSubmitted = h['auto-submitted']?.split(';')[0]?.trim().toLowerCase();
  if (autoSubmitted && autoSubmitted !== 'no') return autoReply(`Auto-Submitted: ${autoSubmitted}`);
  const precedence = h['precedence']?.trim().toLowerCase();
  if (precedence && bulkPrecedence.has(precedence)) return autoReply(`Precedence: ${precedence}`);
  if (h['x-autoreply'] !== undefined) return autoReply('X-Autoreply present');
  if (h['x-autorespond'] !== undefined) return autoReply('X-Autorespond present');
  // Microsoft Exchange marks out-of-office replies this way and sometimes nothing else.
  if (/^(oof|autoreply)$/i.test(h['x-auto-response-suppress'] ?? '') && /^(out of office|automatic reply)/i.test(parsed.subject)) {
    return autoReply('Exchange out-of-office');
  }
  if (h['list-id'] !== undefined || h['list-unsubscribe'] !== undefined) return autoReply('mailing list (List-Id/List-Unsubscribe)');
  return { kind: 'human', reason: 'no automation header', bouncedMessageId: null };
}

function autoReply(reason: string): MailClassification {
  return { kind: 'auto_reply', reason, bouncedMessageId: null };
}

/**
 * True when the message is our own outbound mail coming back (a BCC to ourselves, a forwarding loop,
 * a mailbox that copies sent mail): its Message-ID carries our domain or our marker header.
 */
export function isOwnOutbound(parsed: ParsedEmail, options: { ourMessageIdDomain: string }): boolean {
  const domain = options.ourMessageIdDomain.toLowerCase();
  if (parsed.headers['x-kept-outbound'] !== undefined) return true;
  return parsed.messageId !== null && parsed.messageId.toLowerCase().endsWith(`@${domain}`);
}
