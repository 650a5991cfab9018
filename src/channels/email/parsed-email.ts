// The typed result of parsing one raw message: what threading, loop protection and display need.

export interface MailAddress {
  /** Lower-cased address, e.g. `ana@example.com`. */
  address: string;
  /** Display name as written, or an empty string. */
  name: string;
}

export interface AttachmentMeta {
  filename: string | null;
  contentType: string;
  size: number;
  contentId: string | null;
  /** True for parts shown inside the HTML (cid: images), false for real attachments. */
  inline: boolean;
  /** md5 of the content as mailparser computes it; lets the store skip duplicates. */
  checksum: string;
  /** The bytes, or null when the attachment is larger than the configured cap (its size says by how much). */
  content: Uint8Array | null;
}

/** What a delivery status notification (RFC 3464) says about the message it refers to. */
export interface DeliveryReport {
  /** Message-ID of the message that failed, when the report includes its headers. */
  originalMessageId: string | null;
  failedRecipients: string[];
  /** First `Status:` code, e.g. `5.1.1`. */
  status: string | null;
  /** `failed`, `delayed`, `delivered`… from the first `Action:` field. */
  action: string | null;
}

export interface ParsedEmail {
  /** Message-ID without angle brackets, or null when the sender gave none. */
  messageId: string | null;
  /** In-Reply-To ids without angle brackets (a few clients put more than one). */
  inReplyTo: string[];
  references: string[];
  from: MailAddress | null;
  /** The From header as written, decoded (a bounce's `MAILER-DAEMON (Mail Delivery System)` has no address). */
  fromHeader: string;
  replyTo: MailAddress[];
  to: MailAddress[];
  cc: MailAddress[];
  subject: string;
  /** Plain text body; derived from the HTML when the sender only sent HTML. */
  text: string;
  /** The reply itself: quoted history and signature folded away. */
  visibleText: string;
  /** Sanitised HTML, safe to show in the console; null when there was no HTML part. */
  html: string | null;
  attachments: AttachmentMeta[];
  date: Date | null;
  /** Top-level media type in lower case, e.g. `multipart/report`. */
  contentType: string;
  /** Top-level `report-type` parameter, e.g. `delivery-status`. */
  reportType: string | null;
  deliveryReport: DeliveryReport | null;
  /** Every header, first occurrence, name lower-cased, value unfolded and decoded. */
  headers: Readonly<Record<string, string>>;
}

export type ParseFailureReason = 'empty' | 'not_a_message' | 'unparseable';

export type ParseEmailResult = { ok: true; email: ParsedEmail } | { ok: false; reason: ParseFailureReason; detail: string };
