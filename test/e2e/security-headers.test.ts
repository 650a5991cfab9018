// Every page Kept serves carries a Content-Security-Policy, refuses to be framed and to be MIME-sniffed; the
// contact form alone may be framed, because shops embed it in their own pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeKinds } from '../helpers/stores.js';
import { createTestKept, type TestKept } from '../helpers/test-app.js';

describe.each(storeKinds)('security headers on %s', (store) => {
  let kept: TestKept;
  beforeAll(async () => {
    kept = await createTestKept({ store });
  });
  afterAll(async () => kept?.close());

  it.each(['/', '/api/v1/health', '/status/st_unknown_token_0123456789', '/forms/fm_unknown_token_0123456789', '/api/v1/no-such-route'])('%s cannot be framed or sniffed', async (url) => {
    const response = await kept.app.inject({ method: 'GET', url });
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    const policy = String(response.headers['content-security-policy']);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("object-src 'none'");
  });

  it('lets a shop frame the contact form, under the same policy otherwise', async () => {
    const response = await kept.app.inject({ method: 'GET', url: '/contact' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-frame-options']).toBeUndefined();
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(String(response.headers['content-security-policy'])).toContain('frame-ancestors *');
    expect(String(response.headers['content-security-policy'])).toContain("script-src 'self'");
  });
});
