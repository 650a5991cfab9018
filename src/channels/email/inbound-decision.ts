// Puts the loop rules together: what the ingest worker does with one parsed inbound message.
import { classifyMail, isOwnOutbound } from './classify-mail.js';
import type { MailClassification } from './classify-mail.js';
import type { ParsedEmail } from './parsed-email.js';

export type InboundDecision =
  | { store: false; reason: 'own_outbound' }
  | {
      store: true;
      classification: MailClassification;
      /**
       * Human mail only: it is recorded as the customer's (acknowledged, within the config's
       * `email.acknowledgements` limit, by comms) and opens the first-response commitment.
       */
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
  options: { ourMessageIdDomain: string },
): InboundDecision {
  if (isOwnOutbound(parsed, { ourMessageIdDomain: options.ourMessageIdDomain })) return { store: false, reason: 'own_outbound' };
  const classification = classifyMail(parsed);
  const human = classification.kind === 'human';
  return {
    store: true,
    classification,
    openCommitment: human,
    markFailedMessageId: classification.kind === 'bounce' ? classification.bouncedMessageId : null,
  };
}
