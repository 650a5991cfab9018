// Puts the loop rules together: what the ingest worker does with one parsed inbound message.
import type { AckRateLimiter } from './ack-rate-limiter.js';
import { classifyMail, isOwnOutbound } from './classify-mail.js';
import type { MailClassification } from './classify-mail.js';
import type { ParsedEmail } from './parsed-email.js';

export type InboundDecision =
  | { store: false; reason: 'own_outbound' }
  | {
      store: true;
      classification: MailClassification;
      /** Send an acknowledgement: human mail only, and only within the per-address rate limit. */
      acknowledge: boolean;
      /** Open the first-response commitment: human mail only, rate limit or not. */
      openCommitment: boolean;
      /** For a bounce of our own message: mark that outbound message failed. */
      markFailedMessageId: string | null;
    };

/**
 * Decides how to treat an inbound message. Our own mail coming back is not stored as inbound;
 * auto-replies and bounces are stored on the case but get no acknowledgement and open nothing.
 */
export function decideInbound(
  parsed: ParsedEmail,
  options: { ourMessageIdDomain: string; ackLimiter: AckRateLimiter },
): InboundDecision {
  if (isOwnOutbound(parsed, { ourMessageIdDomain: options.ourMessageIdDomain })) return { store: false, reason: 'own_outbound' };
  const classification = classifyMail(parsed);
  const human = classification.kind === 'human';
  const replyAddress = parsed.replyTo[0]?.address ?? parsed.from?.address ?? null;
  return {
    store: true,
    classification,
    acknowledge: human && replyAddress !== null && options.ackLimiter.tryAcquire(replyAddress),
    openCommitment: human,
    markFailedMessageId: classification.kind === 'bounce' ? classification.bouncedMessageId : null,
  };
}
