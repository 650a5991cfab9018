// Pure: the keys a parsed message offers for finding the case it belongs to. The cases feature looks them up.
import type { OrderNumber } from '../../shared/values.js';
import type { ParsedEmail } from './parsed-email.js';

export interface ThreadingKeys {
  /** In-Reply-To first, then References newest first: look each up among messages we sent or received. */
  messageIds: string[];
  /** A case token such as `K-1234`, from a plus-address at one of our domains or the subject. */
  caseToken: string | null;
  caseTokenSource: 'plus_address' | 'subject' | null;
  /** Subject without reply/forward prefixes and without the case token, whitespace collapsed. */
  normalisedSubject: string;
  /** Order numbers mentioned in the subject or the visible text, in order of appearance. */
  orderNumbers: OrderNumber[];
}

export interface ThreadingOptions {
  /** Domains whose plus-addresses carry case tokens, e.g. `shop.example`. */
  ourDomains: readonly string[];
  /** Matches an order number in its first capture group; defaults to `order #A-1001`-like mentions. */
  orderNumberPattern?: RegExp;
}

const tokenInSubject = /\[\s*(K-\d+)\s*\]/i;
const tokenInLocalPart = /\+(K-\d+)$/i;
// Re, Fwd and their localised forms (AW/WG German, SV Nordic, VS Finnish, TR French, RV Spanish),
// with a counter as some clients write it: "RE[2]:", "Re(3):", and the full-width colon.
// Out-of-office prefixes are stripped too, so an auto-reply still lands on its case.
const replyPrefix = /^\s*(?:re|fwd?|fw|aw|sv|vs|wg|tr|rv|antw|odp|ynt|automatic reply|auto(?:matische)? ?(?:reply|antwort)|out of office|abwesend)\s*(?:\[\d+\]|\(\d+\))?\s*[:：]\s*/i;
const defaultOrderPattern =
  /(?:\border(?:\s+(?:number|no\.?|nr\.?))?|\bbestellung(?:snummer)?|\blieferung|\bauftrag|\bcommande|\bpedido|\bencomenda|\bordine|\bordre|\bbestilling)\s*[:#]?\s*#?\s*([A-Z]{1,3}-\d{3,}|\d{4,})\b|#([A-Z]{1,3}-\d{3,})\b/gi;

/** Extracts every threading key a message offers; decides nothing. */
export function threadingKeys(parsed: ParsedEmail, options: ThreadingOptions): ThreadingKeys {
  const messageIds = [...new Set([...parsed.inReplyTo, ...[...parsed.references].reverse()])].filter((id) => id !== parsed.messageId);
  const fromAddress = tokenFromAddresses(parsed, options.ourDomains);
  const fromSubject = tokenInSubject.exec(parsed.subject)?.[1]?.toUpperCase() ?? null;
  const caseToken = fromAddress ?? fromSubject;
  return {
    messageIds,
    caseToken,
    caseTokenSource: fromAddress ? 'plus_address' : fromSubject ? 'subject' : null,
    normalisedSubject: normaliseSubject(parsed.subject),
    orderNumbers: findOrderNumbers(`${parsed.subject}\n${parsed.visibleText}`, options.orderNumberPattern),
  };
}

/** Strips every reply/forward prefix ("Re: AW: Fwd:"), the case token and surrounding whitespace. */
export function normaliseSubject(subject: string): string {
  let rest = subject.replace(/\s+/g, ' ').trim();
  for (;;) {
    const withoutToken = rest.replace(/^\[\s*K-\d+\s*\]\s*/i, '');
    const stripped = withoutToken.replace(replyPrefix, '');
    if (stripped === rest) break;
    rest = stripped;
  }
  return rest.replace(/\s*\[\s*K-\d+\s*\]\s*/gi, ' ').trim();
}

function tokenFromAddresses(parsed: ParsedEmail, ourDomains: readonly string[]): string | null {
  const domains = new Set(ourDomains.map((d) => d.toLowerCase()));
  for (const { address } of [...parsed.to, ...parsed.cc]) {
    const at = address.lastIndexOf('@');
    if (at < 0 || !domains.has(address.slice(at + 1))) continue;
    const match = tokenInLocalPart.exec(address.slice(0, at));
    if (match?.[1]) return match[1].toUpperCase();
  }
  return null;
}

function findOrderNumbers(text: string, pattern: RegExp | undefined): OrderNumber[] {
  const base = pattern ?? defaultOrderPattern;
  // A fresh global copy: matchAll needs the g flag and must not share lastIndex with the caller's regex.
  const regex = new RegExp(base.source, base.flags.includes('g') ? base.flags : `${base.flags}g`);
  const found: string[] = [];
  for (const match of text.matchAll(regex)) {
    const value = (match[1] ?? match[2] ?? '').toUpperCase();
    if (value && !/^K-/.test(value) && !found.includes(value)) found.push(value);
  }
  return found as OrderNumber[];
}
