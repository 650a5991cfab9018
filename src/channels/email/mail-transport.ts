// How outbound mail leaves Kept: through an SMTP relay, or captured in memory when no relay is configured.
import nodemailer from 'nodemailer';
import type { SendMailOptions } from 'nodemailer';
import type { OutboundEmail } from './outbound-email.js';

export interface SendResult {
  messageId: string;
  /** Recipients the relay accepted. */
  accepted: string[];
  rejected: string[];
}

export interface MailTransport {
  send(message: OutboundEmail): Promise<SendResult>;
  close?(): Promise<void>;
}

export interface CapturedEmail {
  message: OutboundEmail;
  /** The RFC 5322 bytes exactly as a relay would have received them. */
  raw: Buffer;
}

export interface CaptureTransport extends MailTransport {
  readonly captured: readonly CapturedEmail[];
}

function toNodemailer(message: OutboundEmail): SendMailOptions {
  return {
    messageId: `<${message.messageId}>`,
    from: message.from,
    to: message.to,
    cc: message.cc.length > 0 ? message.cc : undefined,
    subject: message.subject,
    text: message.text,
    html: message.html ?? undefined,
    inReplyTo: message.inReplyTo ? `<${message.inReplyTo}>` : undefined,
    references: message.references.length > 0 ? message.references.map((id) => `<${id}>`) : undefined,
    headers: message.headers,
  };
}

function addressList(list: ReadonlyArray<string | { address: string }> | undefined): string[] {
  return (list ?? []).map((entry) => (typeof entry === 'string' ? entry : entry.address));
}

/**
 * Sends through the relay named by a URL such as `smtp://user:pass@relay.example:587` or
 * `smtps://relay.example:465`. Errors carry nodemailer's `responseCode` for deliverWithRetry.
 */
export function createSmtpTransport(options: { url: string }): MailTransport {
  const transporter = nodemailer.createTransport(options.url);
  return {
    async send(message) {
      const info = await transporter.sendMail(toNodemailer(message));
      return { messageId: message.messageId, accepted: addressList(info.accepted), rejected: addressList(info.rejected) };
    },
    async close() {
      transporter.close();
    },
  };
}

/** Keeps every message (and its raw bytes) in memory; the outbox shows them in the console. */
export function createCaptureTransport(): CaptureTransport {
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  const captured: CapturedEmail[] = [];
  return {
    captured,
    async send(message) {
      const info = await composer.sendMail(toNodemailer(message));
      const raw = Buffer.isBuffer(info.message) ? info.message : Buffer.from(String(info.message));
      captured.push({ message, raw });
      return { messageId: message.messageId, accepted: [...message.to, ...message.cc], rejected: [] };
    },
  };
}
