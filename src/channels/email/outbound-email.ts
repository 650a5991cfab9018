// Builds the outbound message: our own Message-ID, the thread headers and the case token in the subject.
import { randomUUID } from 'node:crypto';

export interface OutboundEmail {
  /** Without angle brackets, e.g. `0b6c…@mail.shop.example`. */
  messageId: string;
  from: string;
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  html: string | null;
  inReplyTo: string | null;
  references: string[];
  /** Extra headers: our loop marker, and Auto-Submitted on acknowledgements. */
  headers: Record<string, string>;
}

export interface BuildOutboundEmailOptions {
  /** `K-1234`; placed in the subject once, never twice on a reply. Null for mail about no case. */
  caseToken: string | null;
  subject: string;
  text: string;
  html?: string | null;
  from: string;
  to: string | string[];
  cc?: string[];
  /** Message-ID (brackets optional) of the message this one answers. */
  inReplyTo?: string | null;
  /** References of the message answered; its own id is appended. */
  references?: string[];
  messageIdDomain: string;
  /** Stable local part (e.g. the outbox id) so a retried send keeps the same Message-ID. */
  messageIdLocalPart?: string;
  /** True for acknowledgements and other automatic mail (RFC 3834), so other robots do not answer. */
  automatic?: boolean;
}

// Some servers refuse very long References headers; the first id and the most recent ones carry the thread.
const maxReferences = 20;

/** Assembles an outbound email. Pure apart from the random Message-ID when no local part is given. */
export function buildOutboundEmail(options: BuildOutboundEmailOptions): OutboundEmail {
  const localPart = options.messageIdLocalPart ?? randomUUID();
  const inReplyTo = options.inReplyTo ? bare(options.inReplyTo) : null;
  const references = [...(options.references ?? []).map(bare)];
  if (inReplyTo && !references.includes(inReplyTo)) references.push(inReplyTo);
  const trimmed = references.length > maxReferences ? [references[0]!, ...references.slice(-(maxReferences - 1))] : references;
  const headers: Record<string, string> = { 'X-Kept-Outbound': options.caseToken ?? 'yes' };
  if (options.automatic) headers['Auto-Submitted'] = 'auto-replied';
  return {
    messageId: `${localPart}@${options.messageIdDomain}`,
    from: options.from,
    to: Array.isArray(options.to) ? [...options.to] : [options.to],
    cc: [...(options.cc ?? [])],
    subject: options.caseToken ? subjectWithToken(options.subject, options.caseToken) : options.subject.trim(),
    text: options.text,
    html: options.html ?? null,
    inReplyTo,
    references: trimmed,
    headers,
  };
}

/** Adds `[K-1234]` to a subject unless it already carries that token anywhere. */
export function subjectWithToken(subject: string, caseToken: string): string {
  const escaped = caseToken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (new RegExp(`\\[\\s*${escaped}\\s*\\]`, 'i').test(subject)) return subject.trim();
  return `${subject.trim()} [${caseToken}]`.trim();
}

function bare(id: string): string {
  return id.trim().replace(/^<+/, '').replace(/>+$/, '');
}
