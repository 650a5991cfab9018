// One stored raw message → what the ingest worker needs: quarantine it, drop it as ours, or thread it.
import { decideInbound } from './inbound-decision.js';
import type { InboundDecision } from './inbound-decision.js';
import { parseEmail } from './parse-email.js';
import type { ParseEmailResult, ParseFailureReason, ParsedEmail } from './parsed-email.js';
import { threadingKeys } from './threading-keys.js';
import type { ThreadingKeys } from './threading-keys.js';

export type PreparedInbound =
  | { status: 'quarantine'; reason: ParseFailureReason; detail: string }
  | { status: 'own_outbound'; email: ParsedEmail }
  | { status: 'ready'; email: ParsedEmail; keys: ThreadingKeys; decision: Extract<InboundDecision, { store: true }> };

export interface PrepareInboundOptions {
  ourDomains: readonly string[];
  ourMessageIdDomain: string;
  orderNumberPattern?: RegExp;
  /** Where parsing runs: the worker pool in the server (parse-pool.ts); in place by default. */
  parse?: (raw: Buffer) => Promise<ParseEmailResult>;
}

/**
 * Parses a stored raw message and applies the loop rules. Never throws: a message that cannot be
 * parsed comes back as `quarantine` for an admin to see and retry.
 */
export async function prepareInbound(raw: Buffer, options: PrepareInboundOptions): Promise<PreparedInbound> {
  const parsed = await (options.parse ?? ((bytes: Buffer) => parseEmail(bytes)))(raw);
  if (!parsed.ok) return { status: 'quarantine', reason: parsed.reason, detail: parsed.detail };
  const decision = decideInbound(parsed.email, options);
  if (!decision.store) return { status: 'own_outbound', email: parsed.email };
  const keys = threadingKeys(parsed.email, { ourDomains: options.ourDomains, orderNumberPattern: options.orderNumberPattern });
  return { status: 'ready', email: parsed.email, keys, decision };
}
