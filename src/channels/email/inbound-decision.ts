// Puts the loop rules together: what the ingest worker does with one parsed inbound message.
import { classifyMail, isOwnOutbound } from './classify-mail.js';
import type { MailClassification } from './classify-mail.js';
import { judgeSender, type SenderJudgement } from './judge-sender.js';
import type { ParsedEmail } from './parsed-email.js';

export type InboundDecision =
  | { store: false; reason: 'own_outbound' }
  | {
      store: true;
      classification: MailClassification;
      /** Who the message is from for Kept: the customer's address (Reply-To when From is a robot or malformed). */
      sender: SenderJudgement;
      /**
       * Human mail only: it is recorded as the customer's (acknowledged, within the config's
       * `email.acknowledgements` limit, by comms) and opens the first-response commitment. Mail whose only
       * usable sender is a robot is automatic mail, so no-reply and mailer-daemon addresses are never acknowledged.
       */
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
export function decideInbound(parsed: ParsedEmail, options: { ourMessageIdDomain: string }): InboundDecision {
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
    openCommitment: human,
    markFailedMessageId: classification.kind === 'bounce' && !(action && notFailed.has(action)) ? classification.bouncedMessageId : null,
  };
}
