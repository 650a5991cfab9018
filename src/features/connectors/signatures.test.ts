// The platforms' signature schemes, computed independently here from their documented definitions.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseStripeSignature, stripeSignatureHeader, verifyBase64Sha256, verifyStripeSignature } from './signatures.js';

const body = Buffer.from('{"id":820982911946154508,"email":"jon@example.com"}');

describe('Shopify and WooCommerce: base64 HMAC-SHA256 of the raw body', () => {
  const signature = createHmac('sha256', 'hush').update(body).digest('base64');
  it('accepts the exact signature and refuses any other body, secret or encoding', () => {
    expect(verifyBase64Sha256({ secret: 'hush', body, signature })).toBe(true);
    expect(verifyBase64Sha256({ secret: 'hush', body: Buffer.from(`${body.toString()} `), signature })).toBe(false);
    expect(verifyBase64Sha256({ secret: 'other', body, signature })).toBe(false);
    expect(verifyBase64Sha256({ secret: 'hush', body, signature: createHmac('sha256', 'hush').update(body).digest('hex') })).toBe(false);
    expect(verifyBase64Sha256({ secret: 'hush', body, signature: undefined })).toBe(false);
  });
});

describe('Stripe: t=…,v1=… over "<t>.<body>"', () => {
  const now = new Date('2026-12-01T10:00:00Z');
  const t = now.getTime() / 1000;
  const v1 = (secret: string, timestamp = t) => createHmac('sha256', secret).update(`${timestamp}.${body.toString()}`).digest('hex');

  it('accepts a current signature, and any of several v1 while the secret rotates', () => {
    expect(verifyStripeSignature({ secret: 'whsec_new', body, header: `t=${t},v1=${v1('whsec_new')},v0=ignored`, now, toleranceSeconds: 300 })).toEqual({ ok: true, timestamp: t });
    expect(verifyStripeSignature({ secret: 'whsec_new', body, header: `t=${t},v1=${v1('whsec_old')},v1=${v1('whsec_new')}`, now, toleranceSeconds: 300 })).toEqual({ ok: true, timestamp: t });
    expect(stripeSignatureHeader({ secrets: ['whsec_new'], body: body.toString(), timestamp: t })).toBe(`t=${t},v1=${v1('whsec_new')}`);
  });

  it('refuses a wrong signature as a mismatch, and a right one older than the tolerance as stale', () => {
    expect(verifyStripeSignature({ secret: 'whsec_new', body, header: `t=${t},v1=${v1('whsec_old')}`, now, toleranceSeconds: 300 })).toMatchObject({ ok: false, problem: 'mismatch' });
    const old = t - 301;
    expect(verifyStripeSignature({ secret: 'whsec_new', body, header: `t=${old},v1=${v1('whsec_new', old)}`, now, toleranceSeconds: 300 })).toMatchObject({
      ok: false,
      problem: 'stale',
      detail: "the Stripe-Signature timestamp is 301 s from Kept's clock (tolerance 300 s)",
    });
    expect(verifyStripeSignature({ secret: 'whsec_new', body, header: `t=${t - 300},v1=${v1('whsec_new', t - 300)}`, now, toleranceSeconds: 300 })).toMatchObject({ ok: true });
    // A signature for another timestamp does not match this one: t is signed.
    expect(verifyStripeSignature({ secret: 'whsec_new', body, header: `t=${t},v1=${v1('whsec_new', t - 1)}`, now, toleranceSeconds: 300 })).toMatchObject({ ok: false, problem: 'mismatch' });
  });

  it('refuses a header without t or v1', () => {
    expect(verifyStripeSignature({ secret: 's', body, header: `v1=${v1('s')}`, now, toleranceSeconds: 300 })).toMatchObject({ ok: false, problem: 'malformed' });
    expect(verifyStripeSignature({ secret: 's', body, header: `t=${t},v0=abc`, now, toleranceSeconds: 300 })).toMatchObject({ ok: false, problem: 'malformed' });
    expect(parseStripeSignature('t=12,v1=a,v1=b,garbage')).toEqual({ timestamp: 12, v1: ['a', 'b'] });
  });
});
