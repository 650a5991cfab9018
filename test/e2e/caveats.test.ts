// Product caveats end to end (crack C13), on both stores, played with the manual clock: a "special
// delivery" ticket order is disclosed in plain words by Kept's own message when the shop sends nothing, the
// pick-up instructions owed 7 days before the event are a commitment of the support team that warns, breaches
// and escalates, and the customer's question shows it all on the case; the dashboard counts it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeKinds } from '../helpers/stores.js';
import { createTestKept, type TestKept } from '../helpers/test-app.js';

type Commitment = {
  id: string;
  kind: string;
  state: string;
  due_at: string;
  owner_id: string | null;
  order_number: string | null;
  fulfilled_by: string | null;
  at_risk: boolean;
  kept_late: boolean;
  details: Record<string, unknown>;
};
type OutboxItem = { id: string; origin: string; status: string; to: string; subject: string | null; body: string; order_number: string | null };

const caveatText = 'These tickets are not sent with your order: they are handed over by special delivery, with instructions sent to you separately before the event.';

describe.each(storeKinds)('caveats on %s', (storeKind) => {
  let kept: TestKept;
  let managerId: string;
  const event = async (body: Record<string, unknown>) => expect((await kept.api('POST', '/api/v1/events', body)).status).toBe(202);
  const advanceTo = async (to: string) => expect((await kept.api('POST', '/api/v1/clock', { to })).status).toBe(200);
  const commitmentsOf = async (orderNumber: string): Promise<Commitment[]> =>
    (
      (await kept.api('GET', '/api/v1/commitments?state=open')).body.items.concat(
        (await kept.api('GET', '/api/v1/commitments?state=kept')).body.items,
        (await kept.api('GET', '/api/v1/commitments?state=breached')).body.items,
      ) as Commitment[]
    ).filter((c) => c.order_number === orderNumber);
  const outbox = async (): Promise<OutboxItem[]> => (await kept.api('GET', '/api/v1/outbox')).body.items;
  const ticket = (id: string, eventDate = '2026-12-20') => ({
    id,
    total: { amount: 380, currency: 'USD' },
    payment: { method: 'card', last4: '5151' },
    items: [{ sku: 'CON-PASS', name: 'Convention pass', quantity: 2, event_date: eventDate, caveats: [{ code: 'special_delivery' }] }],
  });

  beforeAll(async () => {
    kept = await createTestKept({ store: storeKind });
    managerId = (await kept.api('POST', '/api/v1/agents', { name: 'Mona', email: 'mona@kept.test', role: 'manager', password: 'correct horse battery' })).body.id;
  });
  afterAll(async () => kept?.close());

  it('the shop says nothing: Kept discloses the caveat in time, the instructions breach and escalate, and the question shows it all', async () => {
    const customer = { email: 'gus@example.com', name: 'Gus' };
    await event({ id: 'cv-1', type: 'order.placed', occurred_at: '2026-12-01T09:00:00Z', customer, order: ticket('TIX-9001'), data: {} });

    const opened = await commitmentsOf('TIX-9001');
    const disclose = opened.find((c) => c.kind === 'disclose')!;
    const info = opened.find((c) => c.kind === 'provide_info')!;
    expect(disclose).toMatchObject({ state: 'open', due_at: '2026-12-02T09:00:00.000Z', owner_id: null });
    expect(info).toMatchObject({ state: 'open', due_at: '2026-12-13T00:00:00.000Z', details: expect.objectContaining({ team: 'support', what: 'pick-up instructions' }) });
    expect(opened).toHaveLength(2);

    // No message states the caveat; an hour before the deadline Kept sends its own, and that keeps it.
    await advanceTo('2026-12-02T07:59:00Z');
    expect((await outbox()).filter((item) => item.origin === 'caveat_disclosure')).toEqual([]);
    await advanceTo('2026-12-02T08:30:00Z');
    const disclosures = (await outbox()).filter((item) => item.origin === 'caveat_disclosure');
    expect(disclosures).toEqual([expect.objectContaining({ status: 'sent', to: 'gus@example.com', order_number: 'TIX-9001', subject: 'About your order TIX-9001' })]);
    expect(disclosures[0]!.body).toContain(caveatText);
    expect(disclosures[0]!.body).toContain('We will send you the pick-up instructions by 13 December 2026.');
    const afterDisclosure = await commitmentsOf('TIX-9001');
    expect(afterDisclosure.find((c) => c.kind === 'disclose')).toMatchObject({ state: 'kept', kept_late: false, fulfilled_by: expect.stringMatching(/^msg_/) });
    expect(afterDisclosure.find((c) => c.kind === 'provide_info')).toMatchObject({ state: 'open' });

    // The status page says it from then on, with when the instructions come.
    const link = /https?:\/\/\S+\/status\/[\w-]+/.exec(disclosures[0]!.body)![0];
    const page = await kept.app.inject({ method: 'GET', url: new URL(link).pathname });
    expect(page.body).toContain(caveatText);
    expect(page.body).toContain('Your pick-up instructions will be sent by 13 December 2026.');

    // Nobody sends the instructions: warned 48 hours before, breached at the deadline, escalated to a manager.
    await advanceTo('2026-12-11T01:00:00Z');
    expect((await commitmentsOf('TIX-9001')).find((c) => c.kind === 'provide_info')).toMatchObject({ state: 'open', at_risk: true });
    await advanceTo('2026-12-13T01:00:00Z');
    const breached = await commitmentsOf('TIX-9001');
    expect(breached.find((c) => c.kind === 'provide_info')).toMatchObject({ state: 'breached' });
    expect(breached.find((c) => c.kind === 'escalation')).toMatchObject({ state: 'open', owner_id: managerId });

    // The buyer asks; the case shows the caveat, its disclosure and the commitment that owes the instructions.
    await event({
      id: 'cv-2',
      type: 'contact.received',
      occurred_at: '2026-12-13T02:00:00Z',
      customer,
      order: { id: 'TIX-9001' },
      data: { channel: 'email', text: 'My tickets say special delivery. How do I get them? The event is in a week!' },
    });
    const customerId = (await kept.api('GET', '/api/v1/customers?email=gus@example.com')).body.items[0].id;
    const caseId = (await kept.api('GET', `/api/v1/cases?customer_id=${customerId}`)).body.items[0].id;
    const theCase = (await kept.api('GET', `/api/v1/cases/${caseId}`)).body;
    expect(theCase.caveats).toEqual([
      expect.objectContaining({
        order_number: 'TIX-9001',
        code: 'special_delivery',
        text: caveatText,
        disclosure: {
          state: 'kept',
          due_at: '2026-12-02T09:00:00.000Z',
          disclosed_at: '2026-12-02T08:00:00.000Z',
          by: afterDisclosure.find((c) => c.kind === 'disclose')!.fulfilled_by,
          commitment_id: disclose.id,
        },
        info: { what: 'pick-up instructions', team: 'support', state: 'breached', due_at: '2026-12-13T00:00:00.000Z', provided_at: null, commitment_id: info.id },
      }),
    ]);
  });

  it('the shop states the caveat itself and sends the instructions in time: no fallback, both kept; the dashboard counts both orders', async () => {
    const customer = { email: 'hal@example.com', name: 'Hal' };
    await event({ id: 'cv-10', type: 'order.placed', occurred_at: '2026-12-13T03:00:00Z', customer, order: ticket('TIX-9002', '2026-12-31'), data: {} });
    await event({
      id: 'cv-11',
      type: 'message.sent',
      occurred_at: '2026-12-13T03:05:00Z',
      customer,
      order: { id: 'TIX-9002' },
      data: {
        channel: 'email',
        to: 'hal@example.com',
        subject: 'Your order TIX-9002',
        text: `Thanks for order TIX-9002.\n${caveatText.replace('special delivery', 'special\ndelivery')}`,
        author: 'shop',
      },
    });
    const stated = await commitmentsOf('TIX-9002');
    expect(stated.find((c) => c.kind === 'disclose')).toMatchObject({ state: 'kept', kept_late: false });
    await event({ id: 'cv-12', type: 'caveat.info_provided', occurred_at: '2026-12-13T04:00:00Z', customer, order: { id: 'TIX-9002' }, data: { code: 'special_delivery' } });
    expect((await commitmentsOf('TIX-9002')).find((c) => c.kind === 'provide_info')).toMatchObject({ state: 'kept', kept_late: false });
    await advanceTo('2026-12-14T09:00:00Z');
    expect((await outbox()).filter((item) => item.origin === 'caveat_disclosure' && item.order_number === 'TIX-9002')).toEqual([]);

    const dashboard = (await kept.api('GET', '/api/v1/reports/dashboard?days=30')).body;
    expect(dashboard.caveats).toEqual({ orders: 2, disclosed_in_time: 2, disclosed_late: 0, disclosure_pending: 0, info_in_time: 1, info_late: 1, info_pending: 0 });
  });
});
