// One long message must not stop Kept: a customer message of one 200,000-character word (the longest the
// events API takes) once held the event loop for tens of seconds, and with it the API, the console and SMTP.
// Analysis now reads a bounded part of the message in a worker thread, and says when it read less.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeKinds } from '../helpers/stores.js';
import { createTestKept, type TestKept } from '../helpers/test-app.js';

describe.each(storeKinds)('a message of one enormous word on %s', (store) => {
  let kept: TestKept;
  beforeAll(async () => {
    kept = await createTestKept({ store });
  });
  afterAll(async () => kept?.close());

  it('is read while the health route keeps answering, and its signals say they come from its start', async () => {
    const text = `May I speak to a manager? ${'a'.repeat(200_000 - 26)}`;
    const finished: string[] = [];
    const ingest = kept
      .api('POST', '/api/v1/events', { id: 'long-word-1', type: 'contact.received', occurred_at: '2026-12-01T09:00:00Z', customer: { email: 'long@example.com' }, data: { channel: 'web_form', text } })
      .then((reply) => {
        finished.push('ingest');
        return reply;
      });
    const health = await kept.api('GET', '/api/v1/health');
    finished.push('health');
    expect(health.status).toBe(200);
    expect((await ingest).status).toBe(202);
    expect(finished).toEqual(['health', 'ingest']);

    const stored = await kept.store.db.selectFrom('message_signals').select(['analysis_truncated', 'manager_request']).execute();
    expect(stored).toEqual([{ analysis_truncated: true, manager_request: 'May I speak to a manager?' }]);
    const customers = await kept.api('GET', '/api/v1/customers?email=long%40example.com');
    const cases = await kept.api('GET', `/api/v1/cases?customer_id=${customers.body.items[0].id}`);
    expect(cases.body.items[0].escalated).toBe(true);
  });
});
