// Sends with retries and exponential backoff; the outcome is a value the outbox records on the case.
import type { MailTransport } from './mail-transport.js';
import type { OutboundEmail } from './outbound-email.js';

export type DeliveryOutcome =
  | { ok: true; messageId: string; accepted: string[]; rejected: string[]; attempts: number }
  | {
      ok: false;
      attempts: number;
      /** True when the relay refused for good (5xx or every recipient rejected): retrying later won't help. */
      permanent: boolean;
      error: string;
      responseCode: number | null;
    };

export interface DeliverWithRetryOptions {
  transport: MailTransport;
  message: OutboundEmail;
  /** Total tries, including the first. */
  attempts: number;
  /** Wait before the second try; doubles after each failure. */
  backoffMs: number;
  /** Injected so tests do not wait; defaults to a real timer. */
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Tries to deliver one message. Temporary failures (connection errors, 4xx) are retried after
 * backoffMs, 2×backoffMs, 4×backoffMs…; a permanent refusal stops at once. Never throws.
 */
export async function deliverWithRetry(options: DeliverWithRetryOptions): Promise<DeliveryOutcome> {
  const sleep = options.sleep ?? realSleep;
  const attempts = Math.max(1, options.attempts);
  let last: { error: string; responseCode: number | null; permanent: boolean } = {
    error: 'not attempted',
    responseCode: null,
    permanent: false,
  };
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    try {
      const result = await options.transport.send(options.message);
      if (result.accepted.length === 0 && result.rejected.length > 0) {
        return { ok: false, attempts: attempt, permanent: true, error: `every recipient rejected: ${result.rejected.join(', ')}`, responseCode: null };
      }
      return { ok: true, ...result, attempts: attempt };
    } catch (error) {
      const responseCode = readResponseCode(error);
      last = {
        error: error instanceof Error ? error.message : String(error),
        responseCode,
        permanent: responseCode !== null && responseCode >= 500 && responseCode < 600,
      };
      if (last.permanent) return { ok: false, attempts: attempt, ...last };
      if (attempt < attempts) await sleep(options.backoffMs * 2 ** (attempt - 1));
    }
  }
  return { ok: false, attempts, ...last };
}

function readResponseCode(error: unknown): number | null {
  if (error && typeof error === 'object' && 'responseCode' in error) {
    const code = Number(error.responseCode);
    return Number.isInteger(code) ? code : null;
  }
  return null;
}
