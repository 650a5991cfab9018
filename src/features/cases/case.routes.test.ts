// Cases through the public API on both stores: contacts open and join cases across channels, replies are
// recorded in the outbox, and the list filters and pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKept, type TestKept } from '../../../test/helpers/test-app.js';
import { storeKinds } from '../../../test/helpers/stores.js';

describe.each(storeKinds)('cases on %s', (storeKind) => {
  let kept: TestKept;
  let agentId: string;
  beforeAll(async () => {
    kept = await createTestKept({ store: storeKind });
    agentId = (await kept.api('POST', '/api/v1/agents', { name: 'Ada', email: 'ada@kept.test', role: 'agent', password: 'correct horse battery' })).body.id;
  });
  afterAll(async () => kept?.close());

  const contact = (id: string, customer: Record<string, unknown>, data: Record<string, unknown>, order?: string) => ({
    id,
    type: 'contact.received',
    occurred_at: '2026-12-01T09:00:00Z',
    customer,
    ...(order ? { order: { id: order } } : {}),
    data,
  });

  it('keeps one case when the customer moves from a social post to email (crack C5)', async () => {
    await kept.api('POST', '/api/v1/events', contact('h-1', { handle: { network: 'twitter', id: '@ana' } }, { channel: 'social', text: 'My order never came!' }, 'A-1'));
    const customer = (await kept.api('GET', '/api/v1/customers?handle=twitter:@ana')).body.items[0];
    const opened = (await kept.api('GET', `/api/v1/cases?customer_id=${customer.id}`)).body.items;
    expect(opened).toHaveLength(1);
    await kept.api('POST', '/api/v1/cases/' + opened[0].id + '/assign', { owner_id: agentId });

    // Asked to continue by email, she writes from her address and names her handle in the same event.
    await kept.api(
      'POST',
      '/api/v1/events',
      contact('h-2', { email: 'ana@example.com', handle: { network: 'twitter', id: '@ana' } }, { channel: 'web_form', text: 'As asked, here by email: order A-1' }),
    );
    const after = (await kept.api('GET', `/api/v1/cases?customer_id=${customer.id}`)).body.items;
    expect(after).toHaveLength(1);
    const theCase = (await kept.api('GET', `/api/v1/cases/${opened[0].id}`)).body;
    expect(theCase.channels).toEqual(['social', 'web_form']);
    expect(theCase.owner_id).toBe(agentId);
    const inbound = theCase.messages.filter((message: { direction: string }) => message.direction === 'in');
    expect(inbound.map((message: { body: string }) => message.body)).toEqual(['My order never came!', 'As asked, here by email: order A-1']);
  });

  it('records a reply in the outbox and on the case, to the address the customer used', async () => {
    const theCase = (await kept.api('GET', '/api/v1/cases?queue=mine', undefined)).body;
    // An admin token has no agent: its "mine" queue is empty.
    expect(theCase.items).toEqual([]);
    const customer = (await kept.api('GET', '/api/v1/customers?email=ana@example.com')).body.items[0];
    const caseId = (await kept.api('GET', `/api/v1/cases?customer_id=${customer.id}`)).body.items[0].id;
    const reply = await kept.api('POST', `/api/v1/cases/${caseId}/replies`, { author_id: agentId, body: 'Sorry Ana, we are looking at order A-1 now.' });
    expect(reply.status).toBe(201);
    expect(reply.body.message).toMatchObject({ direction: 'out', channel: 'email', author_id: agentId, status: 'sent', order_numbers: ['A-1'] });
    // Beside the automatic acknowledgement of her message, the reply.
    const outbox = (await kept.api('GET', `/api/v1/outbox?case_id=${caseId}`)).body.items.filter((item: { origin: string }) => item.origin === 'agent_reply');
    expect(outbox).toEqual([
      expect.objectContaining({ channel: 'email', to: 'ana@example.com', status: 'sent', body: 'Sorry Ana, we are looking at order A-1 now.', audit: { ok: true, findings: [] } }),
    ]);
  });

  it('validates a reply: unknown author, empty body, unknown case', async () => {
    const customer = (await kept.api('GET', '/api/v1/customers?email=ana@example.com')).body.items[0];
    const caseId = (await kept.api('GET', `/api/v1/cases?customer_id=${customer.id}`)).body.items[0].id;
    expect((await kept.api('POST', `/api/v1/cases/${caseId}/replies`, { author_id: 'agt_nobody', body: 'x' })).body.field).toBe('author_id');
    expect((await kept.api('POST', `/api/v1/cases/${caseId}/replies`, { author_id: agentId })).status).toBe(400);
    expect((await kept.api('POST', '/api/v1/cases/cas_nope/replies', { author_id: agentId, body: 'x' })).status).toBe(404);
  });

  it('opens a separate case for a different order, resolves, and re-opens when the customer writes again', async () => {
    await kept.api('POST', '/api/v1/events', contact('r-1', { email: 'rob@example.com' }, { channel: 'email', text: 'About B-1', thread_ref: 'thread-b1' }, 'B-1'));
    await kept.api('POST', '/api/v1/events', contact('r-2', { email: 'rob@example.com' }, { channel: 'email', text: 'About C-1' }, 'C-1'));
    const customer = (await kept.api('GET', '/api/v1/customers?email=rob@example.com')).body.items[0];
    const cases = (await kept.api('GET', `/api/v1/cases?customer_id=${customer.id}`)).body.items;
    expect(cases).toHaveLength(2);
    const b1 = cases.find((item: { order_number: string }) => item.order_number === 'B-1');
    expect((await kept.api('POST', `/api/v1/cases/${b1.id}/resolve`)).body.state).toBe('resolved');
    expect((await kept.api('GET', `/api/v1/cases?customer_id=${customer.id}&state=resolved`)).body.items).toHaveLength(1);
    await kept.api('POST', '/api/v1/events', contact('r-3', { email: 'rob@example.com' }, { channel: 'email', text: 'Still broken', thread_ref: 'thread-b1' }));
    expect((await kept.api('GET', `/api/v1/cases/${b1.id}`)).body.state).toBe('open');
  });

  it('pages through cases with a cursor, and filters by owner and queue', async () => {
    await kept.api('POST', '/api/v1/events', {
      events: Array.from({ length: 5 }, (_, index) => contact(`p-${index}`, { email: `page${index}@example.com` }, { channel: 'chat', text: `Question ${index}` })),
    });
    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: string }[]; next_cursor: string | null } } = await kept.api('GET', `/api/v1/cases?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      for (const item of page.body.items) seen.add(item.id);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      cursor = page.body.next_cursor;
    } while (cursor);
    const all = (await kept.api('GET', '/api/v1/cases?limit=200')).body.items;
    expect(seen.size).toBe(all.length);
    // New cases are assigned as they open (signals feature), so Ada owns every case that has an owner here.
    const owned = (await kept.api('GET', `/api/v1/cases?owner_id=${agentId}`)).body.items;
    expect(owned.length).toBeGreaterThan(0);
    expect(owned).toHaveLength(all.filter((item: { owner_id: string | null }) => item.owner_id === agentId).length);
    expect((await kept.api('GET', '/api/v1/cases?queue=unassigned')).body.items.length).toBe(
      all.filter((item: { owner_id: string | null; state: string }) => !item.owner_id && item.state !== 'resolved').length,
    );
    expect((await kept.api('GET', '/api/v1/cases?cursor=garbage')).status).toBe(400);
  });

  it('escalates a case with a note', async () => {
    const caseId = (await kept.api('GET', '/api/v1/cases?limit=1')).body.items[0].id;
    const escalated = await kept.api('POST', `/api/v1/cases/${caseId}/escalate`, { note: 'Customer asked for a manager' });
    expect(escalated.body.escalated).toBe(true);
    expect((await kept.api('GET', '/api/v1/cases?queue=escalated')).body.items.map((item: { id: string }) => item.id)).toContain(caseId);
  });
});
