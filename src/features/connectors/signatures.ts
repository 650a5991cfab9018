// The platforms' webhook signatures, each exactly as the platform computes it, compared in constant time.
import { createHmac, timingSafeEqual } from 'node:crypto';

export type HmacAlgorithm = 'sha1' | 'sha256' | 'sha512';
export type DigestEncoding = 'hex' | 'base64';

export function hmacDigest(options: { algorithm: HmacAlgorithm; secret: string; payload: Buffer | string; encoding: DigestEncoding }): string {
  return createHmac(options.algorithm, options.secret).update(options.payload).digest(options.encoding);
}

/** Constant-time equality of two texts (a length difference is not secret: digests have a fixed length). */
export function sameText(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Shopify (`X-Shopify-Hmac-Sha256`) and WooCommerce (`X-WC-Webhook-Signature`) both send the base64
 * HMAC-SHA256 of the raw body, keyed by the webhook secret.
 */
export function verifyBase64Sha256(options: { secret: string; body: Buffer; signature: string | undefined }): boolean {
  if (!options.signature) return false;
  return sameText(hmacDigest({ algorithm: 'sha256', secret: options.secret, payload: options.body, encoding: 'base64' }), options.signature.trim());
}

export type StripeVerdict = { ok: true; timestamp: number } | { ok: false; problem: 'malformed' | 'mismatch' | 'stale'; detail: string };

/** Parses `t=1733480000,v1=abc…,v1=def…,v0=…`: the timestamp and every v1 signature (several while a secret rotates). */
export function parseStripeSignature(header: string): { timestamp: number | undefined; v1: string[] } {
  let timestamp: number | undefined;
  const v1: string[] = [];
  for (const part of header.split(',')) {
    const at = part.indexOf('=');
    if (at <= 0) continue;
    const key = part.slice(0, at).trim();
    const value = part.slice(at + 1).trim();
    if (key === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === 'v1' && value) v1.push(value);
  }
  return { timestamp, v1 };
}

/**
 * Stripe's scheme: hex HMAC-SHA256 of `<t>.<raw body>` with the endpoint's signing secret; any v1 may match;
 * the timestamp must be within `toleranceSeconds` of Kept's clock (a replayed old request is refused).
 */
export function verifyStripeSignature(options: { secret: string; body: Buffer; header: string | undefined; now: Date; toleranceSeconds: number }): StripeVerdict {
  if (!options.header) return { ok: false, problem: 'malformed', detail: 'Stripe-Signature is missing' };
  const { timestamp, v1 } = parseStripeSignature(options.header);
  if (timestamp === undefined || v1.length === 0) return { ok: false, problem: 'malformed', detail: 'Stripe-Signature has no t= timestamp or no v1= signature' };
  const expected = hmacDigest({ algorithm: 'sha256', secret: options.secret, payload: Buffer.concat([Buffer.from(`${timestamp}.`), options.body]), encoding: 'hex' });
  // Every candidate is compared, so the time taken does not tell which one matched.
  const matched = v1.map((candidate) => sameText(expected, candidate)).includes(true);
  if (!matched) return { ok: false, problem: 'mismatch', detail: 'no v1 signature in Stripe-Signature matches the body' };
  const age = Math.abs(Math.floor(options.now.getTime() / 1000) - timestamp);
  if (age > options.toleranceSeconds) return { ok: false, problem: 'stale', detail: `the Stripe-Signature timestamp is ${age} s from Kept's clock (tolerance ${options.toleranceSeconds} s)` };
  return { ok: true, timestamp };
}

/** What a test or a sender does: the Stripe-Signature header for a body signed at `timestamp`. */
export function stripeSignatureHeader(options: { secrets: readonly string[]; body: string; timestamp: number }): string {
  return [`t=${options.timestamp}`, ...options.secrets.map((secret) => `v1=${hmacDigest({ algorithm: 'sha256', secret, payload: `${options.timestamp}.${options.body}`, encoding: 'hex' })}`)].join(
    ',',
  );
}
