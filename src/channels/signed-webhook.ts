// Signature checks for webhooks that authenticate by a shared secret instead of a bearer token.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** `sha256=<hex>` of the raw body, as the social DM webhook signs it (GitHub-style). */
export function signSha256(secret: string, body: Buffer | string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** True when `signature` is the HMAC-SHA256 of the body; compared in constant time. */
export function verifySha256(options: { secret: string; body: Buffer; signature: string | undefined }): boolean {
  if (!options.signature) return false;
  return sameText(signSha256(options.secret, options.body), options.signature.trim());
}

/**
 * Twilio's request signature: base64 HMAC-SHA1, keyed by the auth token, of the full URL followed by
 * every POST parameter's name and value, sorted by name.
 */
export function twilioSignature(options: { authToken: string; url: string; params: Readonly<Record<string, string>> }): string {
  const data = Object.keys(options.params)
    .sort()
    .reduce((text, key) => text + key + options.params[key], options.url);
  return createHmac('sha1', options.authToken).update(Buffer.from(data, 'utf8')).digest('base64');
}

export function verifyTwilioSignature(options: { authToken: string; url: string; params: Readonly<Record<string, string>>; signature: string | undefined }): boolean {
  if (!options.signature) return false;
  return sameText(twilioSignature(options), options.signature.trim());
}

function sameText(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
