// Another site cannot post Kept's customer forms in a customer's name: a post whose Origin (or Sec-Fetch-Site)
// says it comes from elsewhere is refused and records nothing; the form's own page, and tools that are not
// browsers, still post.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeKinds } from '../helpers/stores.js';
import { createTestKept, type TestKept } from '../helpers/test-app.js';

const message = 'name=Ana&email=ana%40example.com&message=My+parcel+never+came';

describe.each(storeKinds)('forged form posts on %s', (store) => {
  let kept: TestKept;
  beforeAll(async () => {
    kept = await createTestKept({ store });
  });
  afterAll(async () => kept?.close());

  const post = (url: string, headers: Record<string, string>) =>
    kept.app.inject({ method: 'POST', url, headers: { host: 'kept.shop.example', 'content-type': 'application/x-www-form-urlencoded', ...headers }, payload: message });

  it('refuses a contact form or a customer form posted from another site', async () => {
    const forged: Record<string, string>[] = [{ origin: 'https://evil.example' }, { origin: 'null' }, { 'sec-fetch-site': 'cross-site' }];
    for (const headers of forged) {
      expect((await post('/contact', headers)).statusCode).toBe(403);
      expect((await post('/forms/fm_0123456789abcdefghij', headers)).statusCode).toBe(403);
    }
    expect(await kept.store.db.selectFrom('events').select('id').execute()).toEqual([]);
  });

  it('takes the contact form from its own page and from clients that send no Origin', async () => {
    expect((await post('/contact', { origin: 'https://kept.shop.example', 'sec-fetch-site': 'same-origin' })).statusCode).toBe(200);
    expect((await post('/contact', {})).statusCode).toBe(200);
    expect(await kept.store.db.selectFrom('events').select('type').execute()).toEqual([{ type: 'contact.received' }, { type: 'contact.received' }]);
  });
});
