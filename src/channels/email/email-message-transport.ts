// The outbox's transport for channel `email`: builds the message (our Message-ID with the outbox id as its
// local part, thread headers, case token, text and HTML parts) and hands it to the SMTP relay.
import type { MessageTransport } from '../../features/comms/transport.js';
import type { MailTransport } from './mail-transport.js';
import { buildOutboundEmail } from './outbound-email.js';

export interface ThreadHeaders {
  inReplyTo: string | null;
  references: string[];
}

export interface EmailMessageTransportOptions {
  mail: MailTransport;
  name: string;
  from: string;
  messageIdDomain: string;
  /** The thread an outbox entry answers: the Message-IDs of its case's mail from the customer. */
  threadFor: (outboxId: string) => Promise<ThreadHeaders>;
}

/**
 * A MessageTransport over a MailTransport. It throws when the relay refuses, so the outbox counts the
 * attempt and retries with backoff; the Message-ID stays the same on every attempt.
 */
export function createEmailMessageTransport(options: EmailMessageTransportOptions): MessageTransport {
  return {
    name: options.name,
    async send(message) {
      const thread = await options.threadFor(message.outboxId);
      const email = buildOutboundEmail({
        caseToken: message.caseToken,
        subject: message.subject ?? '',
        text: message.body,
        html: message.html ?? textToHtml(message.body),
        from: options.from,
        to: message.to,
        inReplyTo: message.inReplyTo ?? thread.inReplyTo,
        references: thread.references,
        messageIdDomain: options.messageIdDomain,
        messageIdLocalPart: message.outboxId,
      });
      const result = await options.mail.send(email);
      if (result.accepted.length === 0 && result.rejected.length > 0) throw new Error(`every recipient was rejected: ${result.rejected.join(', ')}`);
      return { externalId: email.messageId };
    },
  };
}

/** The HTML part for a plain-text message: escaped, paragraphs and line breaks kept. */
export function textToHtml(text: string): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const paragraphs = escaped.split(/\r?\n\s*\r?\n/).map((block) => `<p>${block.replace(/\r?\n/g, '<br>')}</p>`);
  return `<!doctype html><html><body>${paragraphs.join('\n')}</body></html>`;
}
