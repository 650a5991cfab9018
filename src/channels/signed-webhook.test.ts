import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signSha256, twilioSignature, verifySha256, verifyTwilioSignature } from './signed-webhook.js';

describe('webhook signatures', () => {
  it('accepts the HMAC-SHA256 of the exact body and refuses a changed body, a wrong secret or none', () => {
    const body = Buffer.from('{"network":"twitter","handle":"@ana","message_id":"1","text":"hi"}');
    const signature = signSha256('s3cret', body);
    expect(signature).toBe(`sha256=${createHmac('sha256', 's3cret').update(body).digest('hex')}`);
    expect(verifySha256({ secret: 's3cret', body, signature })).toBe(true);
    expect(verifySha256({ secret: 's3cret', body: Buffer.from(`${body.toString()} `), signature })).toBe(false);
    expect(verifySha256({ secret: 'other', body, signature })).toBe(false);
    expect(verifySha256({ secret: 's3cret', body, signature: undefined })).toBe(false);
  });

  it('signs Twilio requests over the URL and the parameters sorted by name', () => {
    const url = 'https://care.shop.example/api/v1/channels/sms/twilio';
    const params = { To: '+15550000000', From: '+15551112222', Body: 'hello', MessageSid: 'SM1' };
    const expected = createHmac('sha1', 'token').update(`${url}BodyhelloFrom+15551112222MessageSidSM1To+15550000000`).digest('base64');
    expect(twilioSignature({ authToken: 'token', url, params })).toBe(expected);
    expect(verifyTwilioSignature({ authToken: 'token', url, params, signature: expected })).toBe(true);
    expect(verifyTwilioSignature({ authToken: 'token', url: `${url}?x=1`, params, signature: expected })).toBe(false);
    expect(verifyTwilioSignature({ authToken: 'token', url, params: { ...params, Body: 'hullo' }, signature: expected })).toBe(false);
  });
});
