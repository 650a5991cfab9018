// Puts the loop rules together: what the ingest worker does with one parsed inbound message.
import type { AckRateLimiter } from './ack-rate-limiter.js';
import { classifyMail, isOwnOutbound } from './classify-mail.js';
import type { MailClassification } from './classify-mail.js';
import { judgeSender, type SenderJudgement } from './judge-sender.js';
import type { ParsedEmail } from './parsed-email.js';

export type InboundDecision =
  | { store: false; reason: 'own_outbound' }
  | {
      store: true;
      classification: MailClassification;
      /** Who the message is from for Kept: the customer's address, and whether it may be acknowledged. */
      sender: SenderJudgement;
      /** Send an acknowledgement: human mail from an acknowledgeable address only, within the per-address rate limit. */
      acknowledge: boolean;
      /** Open the first-response commitment: human mail only, rate limit or not. */
      openCommitment: boolean;
      /** For a bounce of our own message that failed for good: mark that outbound message failed. */
      markFailedMessageId: string | null;
    };

// A report saying a message was delayed, relayed or delivered is not a failure.
const notFailed = new Set(['delayed', 'delivered', 'relayed', 'expanded']);

/**
 * Decides how to treat an inbound message. Our own mail coming back is not stored as inbound; auto-replies
 * and bounces are stored but get no acknowledgement and open nothing. Mail whose only sender is a robot
 * (no-reply, mailer-daemon, postmaster) is automatic mail, however it is written.
 */
export function decideInbound(parsed: ParsedEmail, options: { ourMessageIdDomain: string; ackLimiter: AckRateLimiter }): InboundDecision {
  if (isOwnOutbound(parsed, { ourMessageIdDomain: options.ourMessageIdDomain })) return { store: false, reason: 'own_outbound' };
  const classified = classifyMail(parsed);
  const sender = judgeSender(parsed);
  const classification: MailClassification =
    classified.kind === 'human' && sender.address !== null && !sender.acknowledgeable ? { kind: 'auto_reply', reason: sender.reason ?? 'automatic sender', bouncedMessageId: null } : classified;
  const human = classification.kind === 'human';
  const action = parsed.deliveryReport?.action ?? null;
  return {
    store: true,
    classification,
    sender,
    acknowledge: human && sender.address !== null && sender.acknowledgeable && options.ackLimiter.tryAcquire(sender.address),
    openCommitment: human,
    markFailedMessageId: classification.kind === 'bounce' && !(action && notFailed.has(action)) ? classification.bouncedMessageId : null,
  };
}
