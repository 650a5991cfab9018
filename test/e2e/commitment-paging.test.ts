// A manager's list of a large backlog goes on past one page: GET /api/v1/commitments pages with a cursor,
// every commitment once, in deadline order, on both stores.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeKinds } from '../helpers/stores.js';
import { createTestKept, type TestKept } from '../helpers/test-app.js';

const cancellations = 23;

describe.each(storeKinds)('paging the commitments on %s', (storeKind) => {
  let kept: TestKept;

  beforeAll(async () => {
    kept = await createTestKept({ store: storeKind });
    const events = Array.from({ length: cancellations }, (_, i) => ({
      id: `paging-${i}`,
      type: 'order.cancelled',
      // Two events share each minute, so pages also break between commitments due at the same time.
      occurred_at: new Date(Date.UTC(2026, 11, 1, 8, Math.floor(i / 2))).toISOString(),
      customer: { email: `paging-${i}@example.com` },
      order: { id: `P-${1000 + i}` },
      data: { reason: 'payment_verification_failed' },
    }));
    const sent = await kept.api('POST', '/api/v1/events', { events });
    expect(sent.status).toBe(202);
  }, 600_000);
  afterAll(async () => kept?.close());

  it('walks every open notify commitment page by page, each once, earliest deadline first', async () => {
    const whole = await kept.api('GET', '/api/v1/commitments?state=open&kind=notify&limit=1000');
    expect(whole.status).toBe(200);
    expect(whole.body.items).toHaveLength(cancellations);
    expect(whole.body.next_cursor).toBeNull();

    const walked: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { status: number; body: { items: { id: string }[]; next_cursor: string | null } } = await kept.api(
        'GET',
        `/api/v1/commitments?state=open&kind=notify&limit=5${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(page.status).toBe(200);
      walked.push(...page.body.items.map((item) => item.id));
      cursor = page.body.next_cursor;
      pages += 1;
    } while (cursor);

    expect(pages).toBe(Math.ceil(cancellations / 5));
    expect(walked).toEqual(whole.body.items.map((item: { id: string }) => item.id));
  });

  it('refuses a cursor it did not give out, naming the field', async () => {
    const refused = await kept.api('GET', '/api/v1/commitments?cursor=bm9wZQ');
    expect(refused.status).toBe(400);
    expect(refused.body.detail).toContain('cursor');
  });
});
