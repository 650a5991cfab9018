// The webhook action: a JSON body signed with HMAC-SHA256 so the receiver can trust it, retried with
// exponential backoff. The idempotency key goes along so a receiver can drop a repeat after a crash.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ActionDecision } from './engine.types.js';

export const signatureHeader = 'Kept-Signature';
export const idempotencyHeader = 'Idempotency-Key';

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, the value of the Kept-Signature header. */
export function signWebhookBody(options: { body: string; secret: string; at: Date }): string {
  const t = Math.floor(options.at.getTime() / 1_000);
  const v1 = createHmac('sha256', options.secret).update(`${t}.${options.body}`).digest('hex');
  return `t=${t},v1=${v1}`;
}

/** Checks a Kept-Signature header as a receiver would, refusing signatures older than `toleranceSeconds`. */
export function verifyWebhookSignature(options: { header: string; body: string; secret: string; now: Date; toleranceSeconds?: number }): boolean {
  const parts = new Map(options.header.split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts.get('t'));
  const v1 = parts.get('v1') ?? '';
  if (!Number.isInteger(t) || Math.abs(options.now.getTime() / 1_000 - t) > (options.toleranceSeconds ?? 300)) return false;
  const expected = createHmac('sha256', options.secret).update(`${t}.${options.body}`).digest();
  const given = Buffer.from(v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The JSON a webhook action posts: what happened to which commitment, and the key that makes it unique. */
export function webhookPayloadFor(decision: ActionDecision, at: Date): Record<string, string | null> {
  return {
    event: decision.phase === 'breach' ? 'commitment.breached' : 'commitment.at_risk',
    idempotency_key: decision.key,
    commitment_id: decision.commitmentId,
    kind: decision.kind,
    due_at: decision.dueAt.toISOString(),
    owner_id: decision.ownerId,
    case_id: decision.caseId,
    customer_id: decision.customerId,
    order_id: decision.orderId,
    reason_code: decision.reasonCode,
    at: at.toISOString(),
  };
}

export interface WebhookResult {
  delivered: boolean;
  attempts: number;
  /** The last HTTP status, or null when the last attempt failed before a response. */
  status: number | null;
}

export interface SendWebhookOptions {
  url: string;
  secret: string;
  payload: unknown;
  idempotencyKey: string;
  now?: () => Date;
  maxAttempts?: number;
  /** First retry delay; each retry doubles it, with jitter, up to maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const retryable = (status: number): boolean => status === 408 || status === 429 || status >= 500;

/**
 * Posts the payload, signed, until the receiver answers 2xx. Retries network errors, timeouts, 408, 429
 * and 5xx; a 4xx other than those is the receiver refusing for good and is not retried.
 */
export async function sendWebhook(options: SendWebhookOptions): Promise<WebhookResult> {
  const now = options.now ?? (() => new Date());
  const maxAttempts = options.maxAttempts ?? 6;
  const baseDelayMs = options.baseDelayMs ?? 1_000;
  const maxDelayMs = options.maxDelayMs ?? 60_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const body = JSON.stringify(options.payload);
  let status: number | null = null;
  for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
    try {
      const response = await fetch(options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [signatureHeader]: signWebhookBody({ body, secret: options.secret, at: now() }),
          [idempotencyHeader]: options.idempotencyKey,
        },
        body,
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      status = response.status;
      await response.body?.cancel();
      if (response.ok) return { delivered: true, attempts: attempt, status };
      if (!retryable(response.status)) return { delivered: false, attempts: attempt, status };
    } catch {
      status = null;
    }
    if (attempt < maxAttempts) {
      const backoff = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
      await sleep(backoff / 2 + Math.random() * (backoff / 2));
    }
  }
  return { delivered: false, attempts: maxAttempts, status };
}
