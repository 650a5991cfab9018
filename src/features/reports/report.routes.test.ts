// The manager's reports through the public API on both stores: what the dashboard charts and the team's
// load, counted from cases, messages and commitments.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKept, type TestKept } from '../../../test/helpers/test-app.js';
import { storeKinds } from '../../../test/helpers/stores.js';

describe.each(storeKinds)('reports on %s', (storeKind) => {
  let kept: TestKept;
  let adaId: string;
  let managerToken: string;
  let agentToken: string;
  const caseOf = async (email: string) => {
    const customer = (await kept.api('GET', `/api/v1/customers?email=${email}`)).body.items[0];
    return (await kept.api('GET', `/api/v1/cases?customer_id=${customer.id}`)).body.items[0].id as string;
  };
  const contact = (id: string, email: string, at: string) => ({
    id,
    type: 'contact.received',
    occurred_at: at,
    customer: { email },
    data: { channel: 'web_form', text: `Where is my parcel? (${id})` },
  });

  beforeAll(async () => {
    kept = await createTestKept({ store: storeKind });

    // The clock starts at 2026-12-01 09:00 UTC. Three customers write at 09:00.
    await kept.api('POST', '/api/v1/events', { events: ['ana', 'bo', 'cy'].map((name) => contact(`r-${name}`, `${name}@example.com`, '2026-12-01T09:00:00Z')) });
    // The agents join after the contacts arrived, so no case is assigned as it opens and the test assigns them.
    adaId = (await kept.api('POST', '/api/v1/agents', { name: 'Ada', email: 'ada@kept.test', role: 'agent', password: 'correct horse battery' })).body.id;
    await kept.api('POST', '/api/v1/agents', { name: 'Mia', email: 'mia@kept.test', role: 'manager', password: 'correct horse battery' });
    const [ana, bo, cy] = [await caseOf('ana@example.com'), await caseOf('bo@example.com'), await caseOf('cy@example.com')];
    for (const id of [ana, bo]) await kept.api('POST', `/api/v1/cases/${id}/assign`, { owner_id: adaId });
    // Ana is answered after 10 minutes, Bo after 2 hours; Cy is still waiting.
    await kept.api('POST', '/api/v1/clock', { advance_seconds: 600 });
    await kept.api('POST', `/api/v1/cases/${ana}/replies`, { author_id: adaId, body: 'Hello Ana, it left our warehouse today.' });
    await kept.api('POST', '/api/v1/clock', { advance_seconds: 6600 });
    await kept.api('POST', `/api/v1/cases/${bo}/replies`, { author_id: adaId, body: 'Hello Bo, it is on its way.' });
    // The next day Ana's case is resolved: the backlog of 2 December is two cases.
    await kept.api('POST', '/api/v1/clock', { to: '2026-12-02T10:00:00Z' });
    await kept.api('POST', `/api/v1/cases/${ana}/resolve`);

    // Commitments as the engine writes them: one kept on 1 December, two breached on 2 December (one kept late).
    // The engine's own commitments of the story above are cleared, so the reports count exactly these.
    await kept.store.db.deleteFrom('timers').execute();
    await kept.store.db.deleteFrom('commitments').execute();
    const base = {
      owner_id: null,
      owner_role: null,
      customer_id: null,
      order_number: null,
      policy_id: 'p',
      opened_by: 'test',
      fulfilled_by: null,
      paused_at: null,
      details: '{}',
      waived_by: null,
      waived_reason: null,
    };
    await kept.store.db
      .insertInto('commitments')
      .values([
        {
          ...base,
          id: 'cmt_1',
          kind: 'first_response',
          state: 'kept',
          case_id: ana,
          due_at: '2026-12-01T13:00:00Z',
          opened_at: '2026-12-01T09:00:00Z',
          closed_at: '2026-12-01T09:10:00Z',
          breached_at: null,
        },
        {
          ...base,
          id: 'cmt_2',
          kind: 'first_response',
          state: 'breached',
          case_id: cy,
          due_at: '2026-12-02T09:00:00Z',
          opened_at: '2026-12-01T09:00:00Z',
          closed_at: null,
          breached_at: '2026-12-02T09:00:00Z',
        },
        {
          ...base,
          id: 'cmt_3',
          kind: 'notify',
          state: 'kept',
          case_id: bo,
          due_at: '2026-12-02T08:00:00Z',
          opened_at: '2026-12-01T09:00:00Z',
          closed_at: '2026-12-02T09:30:00Z',
          breached_at: '2026-12-02T08:00:00Z',
        },
        { ...base, id: 'cmt_4', kind: 'follow_up', state: 'open', case_id: bo, due_at: '2026-12-03T08:00:00Z', opened_at: '2026-12-01T09:00:00Z', closed_at: null, breached_at: null, at_risk: true },
      ])
      .execute();
    // Sessions last 12 hours of Kept's clock: log in after it moved.
    managerToken = (await kept.api('POST', '/api/v1/auth/login', { email: 'mia@kept.test', password: 'correct horse battery' })).body.token;
    agentToken = (await kept.api('POST', '/api/v1/auth/login', { email: 'ada@kept.test', password: 'correct horse battery' })).body.token;
  });
  afterAll(async () => kept?.close());

  it('charts kept against breached, the backlog and breaches by kind per day', async () => {
    const reply = await kept.api('GET', '/api/v1/reports/dashboard?days=3', undefined, managerToken);
    expect(reply.status).toBe(200);
    expect(reply.body.from).toBe('2026-11-30T00:00:00.000Z');
    expect(reply.body.kept_vs_breached).toEqual([
      { day: '2026-11-30', kept: 0, breached: 0 },
      { day: '2026-12-01', kept: 1, breached: 0 },
      { day: '2026-12-02', kept: 1, breached: 2 },
    ]);
    expect(reply.body.backlog).toEqual([
      { day: '2026-11-30', open: 0 },
      { day: '2026-12-01', open: 3 },
      { day: '2026-12-02', open: 2 },
    ]);
    expect(reply.body.breaches_by_kind).toEqual([
      { kind: 'first_response', count: 1 },
      { kind: 'notify', count: 1 },
    ]);
  });

  it('sorts first responses by how long the customer waited for an agent', async () => {
    const body = (await kept.api('GET', '/api/v1/reports/dashboard', undefined, managerToken)).body;
    expect(body.kept_vs_breached).toHaveLength(14);
    expect(body.first_response_minutes).toEqual([
      { bucket: '< 15 min', count: 1 },
      { bucket: '15–60 min', count: 0 },
      { bucket: '1–4 h', count: 1 },
      { bucket: '4–24 h', count: 0 },
      { bucket: '> 24 h', count: 0 },
    ]);
    expect(body.first_response_waiting).toBe(1);
  });

  it("shows each agent's open cases and at-risk commitments", async () => {
    const reply = await kept.api('GET', '/api/v1/reports/agents', undefined, managerToken);
    // Ana's case is resolved; Bo's is Ada's and still open, with one commitment at risk; Cy's waits unassigned.
    expect(reply.body.items).toEqual([{ agent_id: adaId, name: 'Ada', role: 'agent', open_cases: 1, at_risk: 1 }, expect.objectContaining({ name: 'Mia', open_cases: 0, at_risk: 0 })]);
  });

  it('is for managers: an agent gets 403', async () => {
    expect((await kept.api('GET', '/api/v1/reports/dashboard', undefined, agentToken)).status).toBe(403);
    expect((await kept.api('GET', '/api/v1/reports/agents', undefined, agentToken)).status).toBe(403);
    expect((await kept.api('GET', '/api/v1/reports/dashboard?days=365', undefined, managerToken)).status).toBe(400);
  });
});
