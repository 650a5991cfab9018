// Search end to end on both stores: customers by name, email and phone fragment, orders by their last
// digits and tracking number, cases by subject and number, messages by their words; ranked, with what matched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeKinds } from '../helpers/stores.js';
import { createTestKept, type TestKept } from '../helpers/test-app.js';

type Hit = {
  type: string;
  id: string;
  title: string;
  matched: { field: string; text: string; ranges: [number, number][] };
  score: number;
  case_id: string | null;
  customer_id: string | null;
  order_number: string | null;
};

describe.each(storeKinds)('search on %s', (storeKind) => {
  let kept: TestKept;
  let customerId: string;
  let caseId: string;
  const search = async (q: string): Promise<Hit[]> => {
    const found = await kept.api('GET', `/api/v1/search?q=${encodeURIComponent(q)}`);
    expect(found.status).toBe(200);
    return found.body.items;
  };
  const marked = (hit: Hit | undefined) => hit?.matched.ranges.map(([start, end]) => hit.matched.text.slice(start, end));

  beforeAll(async () => {
    kept = await createTestKept({ store: storeKind });
    const ana = { email: 'ana.lopez@example.com', phone: '+15551234567', handle: { network: 'twitter', id: '@analopez' }, name: 'Ana Lopez' };
    const bo = { email: 'bo@example.com', name: 'Bo Ramsey' };
    const events = [
      { id: 'se-1', type: 'order.placed', occurred_at: '2026-12-01T08:00:00Z', customer: ana, order: { id: 'IW-117776', total: { amount: 120, currency: 'EUR' } }, data: {} },
      { id: 'se-2', type: 'order.shipped', occurred_at: '2026-12-01T08:10:00Z', customer: ana, order: { id: 'IW-117776' }, data: { carrier: 'UPS', tracking_number: '1Z999AA10123456784' } },
      { id: 'se-3', type: 'order.placed', occurred_at: '2026-12-01T08:20:00Z', customer: bo, order: { id: 'IW-220042', total: { amount: 30, currency: 'EUR' } }, data: {} },
      {
        id: 'se-4',
        type: 'contact.received',
        occurred_at: '2026-12-01T08:30:00Z',
        customer: ana,
        order: { id: 'IW-117776' },
        data: { channel: 'web_form', subject: 'Broken kettle', text: 'The kettle arrived broken and the lid is cracked.' },
      },
    ];
    expect((await kept.api('POST', '/api/v1/events', { events })).status).toBe(202);
    customerId = (await kept.api('GET', '/api/v1/customers?email=ana.lopez@example.com')).body.items[0].id;
    caseId = (await kept.api('GET', `/api/v1/cases?customer_id=${customerId}`)).body.items[0].id;
  });
  afterAll(async () => kept?.close());

  it('finds a customer by name, email, phone fragment and handle', async () => {
    const byName = await search('lopez');
    expect(byName[0]).toMatchObject({ type: 'customer', id: customerId, title: 'Ana Lopez' });
    expect(marked(byName[0])).toEqual(['Lopez']);
    const byEmail = (await search('ana.lopez@exam'))[0];
    expect(byEmail).toMatchObject({ type: 'customer', id: customerId, matched: { field: 'email', text: 'ana.lopez@example.com' } });
    expect(marked(byEmail)).toEqual(['ana.lopez@exam']);
    expect((await search('555 1234'))[0]).toMatchObject({ type: 'customer', id: customerId, matched: { field: 'phone', text: '+15551234567' } });
    expect((await search('@analopez'))[0]).toMatchObject({ type: 'customer', id: customerId, matched: { field: 'handle' } });
  });

  it('finds an order by its last digits and by a piece of its tracking number', async () => {
    const byDigits = await search('7776');
    expect(byDigits[0]).toMatchObject({ type: 'order', id: 'IW-117776', order_number: 'IW-117776', customer_id: customerId });
    expect(marked(byDigits[0])).toEqual(['7776']);
    expect(byDigits.filter((hit) => hit.type === 'order').map((hit) => hit.id)).toEqual(['IW-117776']);
    const byTracking = (await search('AA101234'))[0];
    expect(byTracking).toMatchObject({ type: 'order', id: 'IW-117776', matched: { field: 'tracking_number', text: '1Z999AA10123456784' } });
    expect(marked(byTracking)).toEqual(['AA101234']);
  });

  it('finds a case by subject and number, and messages by their words, the case ranked first', async () => {
    const hits = await search('kettle');
    expect(hits.map((hit) => [hit.type, hit.id])).toEqual([
      ['case', caseId],
      ['message', expect.stringMatching(/^msg_/)],
    ]);
    expect(marked(hits[0])).toEqual(['kettle']);
    expect(hits[1]).toMatchObject({ case_id: caseId, customer_id: customerId });
    expect(marked(hits[1])).toEqual(['kettle']);
    // A word's beginning finds the word: "crack" marks "cracked".
    const message = (await search('crack'))[0];
    expect(message).toMatchObject({ type: 'message', matched: { field: 'body' } });
    expect(marked(message)).toEqual(['cracked']);
    const byNumber = (await search('K-1'))[0];
    expect(byNumber).toMatchObject({ type: 'case', id: caseId, matched: { field: 'number', text: 'K-1' } });
  });

  it('finds nothing for what is not there, and refuses a query too short to mean anything', async () => {
    expect(await search('zzqxv')).toEqual([]);
    const short = await kept.api('GET', '/api/v1/search?q=a');
    expect(short.status).toBe(400);
    expect(short.body.detail).toContain('q');
    const spec = (await kept.api('GET', '/api/v1/openapi.json')).body;
    expect(spec.paths['/api/v1/search'].get.operationId).toBe('search');
  });
});
