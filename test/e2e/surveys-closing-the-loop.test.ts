// Crack C4, the survey part: a detractor who asks to be contacted gets a case, a follow-up and a call back;
// the loop is closed when an agent's reply reaches them, and the report counts it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeKinds } from '../helpers/stores.js';
import { createTestKept, testStart, type TestKept } from '../helpers/test-app.js';

const day = 24 * 3600;
type OutboxEntry = { to: string; subject: string; body: string; origin: string; status: string };

function placeAndDeliver(kept: TestKept, input: { email: string; order: string; at: Date }) {
  return kept.api('POST', '/api/v1/events', {
    events: [
      { id: `${input.order}-placed`, type: 'order.placed', occurred_at: input.at.toISOString(), customer: { email: input.email }, order: { id: input.order, total: { amount: 30, currency: 'USD' } } },
      { id: `${input.order}-delivered`, type: 'order.delivered', occurred_at: input.at.toISOString(), order: { id: input.order } },
    ],
  });
}

async function surveyLinkOf(kept: TestKept, email: string): Promise<{ invitations: OutboxEntry[]; url: string }> {
  const invitations = ((await kept.api('GET', '/api/v1/outbox?limit=200')).body.items as OutboxEntry[]).filter((entry) => entry.to === email && entry.origin.startsWith('survey_'));
  const match = /\/forms\/([A-Za-z0-9_-]{16,})/.exec(invitations[0]?.body ?? '');
  return { invitations, url: match ? `/forms/${match[1]}` : '' };
}

describe.each(storeKinds)('surveys on %s', (storeKind) => {
  let kept: TestKept;
  let caseId = '';
  let formUrl = '';
  let answeredAt = 0;
  let closedAt = 0;

  beforeAll(async () => {
    kept = await createTestKept({ store: storeKind });
  });
  afterAll(async () => kept?.close());

  it('invites after a delivery with one-click score links, once per throttle window', async () => {
    expect((await placeAndDeliver(kept, { email: 'dana@example.com', order: 'D-1', at: testStart })).status).toBe(202);
    await kept.api('POST', '/api/v1/clock', { advance_seconds: day });
    await placeAndDeliver(kept, { email: 'dana@example.com', order: 'D-2', at: kept.clock.now() });
    const { invitations, url } = await surveyLinkOf(kept, 'dana@example.com');
    expect(invitations).toHaveLength(1);
    expect(invitations[0]!.origin).toBe('survey_nps');
    for (let score = 0; score <= 10; score += 1) expect(invitations[0]!.body).toContain(`${url}?score=${score}`);
    formUrl = url;
  });

  it('turns a detractor who asks for contact into a case with a follow-up', async () => {
    const page = await kept.app.inject({ method: 'GET', url: formUrl });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('How likely are you to recommend us');

    const invalid = await kept.app.inject({ method: 'POST', url: formUrl, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'score=12&comment=x' });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.body).toContain('The score must be a whole number from 0 to 10');

    const fields = new URLSearchParams({ score: '3', comment: 'The box was crushed & nobody answered', contact_requested: 'yes' }).toString();
    const answered = await kept.app.inject({ method: 'POST', url: formUrl, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: fields });
    expect(answered.statusCode).toBe(200);
    answeredAt = kept.clock.now().getTime();
    expect(answered.body).toContain('3 of 10');
    expect(answered.body).toContain('The box was crushed &amp; nobody answered');

    const twice = await kept.app.inject({ method: 'POST', url: formUrl, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'score=10' });
    expect(twice.statusCode).toBe(409);
    expect(twice.body).toContain('already answered');
    expect(twice.body).toContain('3 of 10');

    const customerId = (await kept.api('GET', '/api/v1/customers?email=dana%40example.com')).body.items[0].id;
    const cases = (await kept.api('GET', `/api/v1/cases?customer_id=${customerId}`)).body.items as { id: string }[];
    const views = await Promise.all(cases.map(async (item) => (await kept.api('GET', `/api/v1/cases/${item.id}`)).body));
    const followUp = views.find((view) => view.kind === 'survey_follow_up');
    expect(followUp?.messages[0].body).toBe('The box was crushed & nobody answered');
    caseId = followUp.id;
  });

  it('breaches the follow-up when nobody calls', async () => {
    const view = (await kept.api('GET', `/api/v1/cases/${caseId}`)).body;
    const followUp = view.commitments.find((commitment: { kind: string }) => commitment.kind === 'follow_up');
    expect(followUp).toMatchObject({ state: 'open' });
    await kept.api('POST', '/api/v1/clock', { to: new Date(new Date(followUp.due_at).getTime() + 1000).toISOString() });
    const after = (await kept.api('GET', `/api/v1/cases/${caseId}`)).body;
    expect(after.commitments.find((commitment: { id: string }) => commitment.id === followUp.id).state).toBe('breached');
  });

  it('closes the loop when an agent’s reply reaches the customer, and records the outcome', async () => {
    const before = await kept.api('POST', `/api/v1/cases/${caseId}/survey-outcome`, { outcome: 'recovered' });
    expect(before.status).toBe(200);
    expect(before.body.closed_at).toBeNull();

    const agent = await kept.api('POST', '/api/v1/agents', { name: 'Sam Agent', email: 'sam@kept.example', role: 'agent', password: 'correct horse battery' });
    expect(agent.status).toBe(201);
    await kept.api('POST', '/api/v1/clock', { advance_seconds: 3 * 3600 });
    const reply = await kept.api('POST', `/api/v1/cases/${caseId}/replies`, {
      author_id: agent.body.id,
      body: 'Dana, I am sorry about the box. I have called the carrier and a replacement is on its way.',
    });
    expect(reply.status).toBe(201);

    const outcome = await kept.api('POST', `/api/v1/cases/${caseId}/survey-outcome`, { outcome: 'recovered', note: 'Happy with the replacement' });
    expect(outcome.status).toBe(200);
    expect(outcome.body).toMatchObject({ outcome: 'recovered', outcome_note: 'Happy with the replacement', closed_at: kept.clock.now().toISOString() });
    closedAt = kept.clock.now().getTime();
    expect((await kept.api('POST', `/api/v1/cases/${caseId}/survey-outcome`, { outcome: 'maybe' })).status).toBe(400);
  });

  it('records a score from a link only once the customer confirms it, and answers from outside tools, in the report', async () => {
    await placeAndDeliver(kept, { email: 'eve@example.com', order: 'E-1', at: kept.clock.now() });
    const { url } = await surveyLinkOf(kept, 'eve@example.com');
    expect((await kept.app.inject({ method: 'HEAD', url: `${url}?score=2` })).statusCode).toBe(200);
    // A link scanner opening every score link records nothing: each opens the form with its score chosen.
    for (const score of [0, 1, 10]) {
      const scanned = await kept.app.inject({ method: 'GET', url: `${url}?score=${score}` });
      expect(scanned.statusCode).toBe(200);
      expect(scanned.body).toContain(`<input type="radio" name="score" value="${score}" checked>`);
      expect(scanned.body).toContain(`You chose ${score}.`);
    }
    const confirmed = await kept.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'score=10' });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.body).toContain('10 of 10');
    const clickedAgain = await kept.app.inject({ method: 'GET', url: `${url}?score=1` });
    expect(clickedAgain.body).toContain('10 of 10');
    expect(clickedAgain.body).not.toContain('1 of 10');

    const outside = await kept.api('POST', '/api/v1/events', {
      id: 'typeform-77',
      type: 'survey.responded',
      occurred_at: kept.clock.now().toISOString(),
      customer: { email: 'finn@example.com' },
      data: { score: 8 },
    });
    expect(outside.status).toBe(202);

    const report = (await kept.api('GET', `/api/v1/reports/surveys?from=${encodeURIComponent(testStart.toISOString())}`)).body;
    expect(report.nps).toMatchObject({ responses: 3, score: 0 });
    // All three fall in the week of 30 November unless the engine's breach moved the clock past it.
    const weekly = report.nps.weekly as { week_start: string; responses: number; promoters: number; passives: number; detractors: number }[];
    expect(weekly[0]).toMatchObject({ week_start: '2026-11-30', detractors: 1 });
    expect(weekly.reduce((sum, week) => sum + week.responses, 0)).toBe(3);
    expect(weekly.reduce((sum, week) => sum + week.promoters + week.passives + week.detractors, 0)).toBe(3);
    expect(report.response_rate).toEqual({ invited: 2, responded: 2, rate: 1 });
    expect(report.loop_closure).toMatchObject({
      opened: 1,
      closed: 1,
      rate: 1,
      median_hours_to_close: expect.closeTo((closedAt - answeredAt) / 3_600_000, 1),
      outcomes: { recovered: 1, not_recovered: 0, unrecorded: 0 },
    });
  });

  it('invites again after the throttle window, and a resolved case brings a CSAT survey', async () => {
    await kept.api('POST', '/api/v1/clock', { advance_seconds: 91 * day });
    await placeAndDeliver(kept, { email: 'dana@example.com', order: 'D-3', at: kept.clock.now() });
    expect((await surveyLinkOf(kept, 'dana@example.com')).invitations).toHaveLength(2);

    await kept.api('POST', '/api/v1/events', {
      id: 'gus-contact',
      type: 'contact.received',
      occurred_at: kept.clock.now().toISOString(),
      customer: { email: 'gus@example.com' },
      data: { channel: 'web_form', text: 'Where is my invoice?' },
    });
    const gus = (await kept.api('GET', '/api/v1/customers?email=gus%40example.com')).body.items[0].id;
    const gusCase = (await kept.api('GET', `/api/v1/cases?customer_id=${gus}`)).body.items[0].id;
    expect((await kept.api('POST', `/api/v1/cases/${gusCase}/resolve`, {})).status).toBe(200);
    const { invitations, url } = await surveyLinkOf(kept, 'gus@example.com');
    expect(invitations.map((entry) => entry.origin)).toEqual(['survey_csat']);
    expect(invitations[0]!.body).toContain(`${url}?score=5`);
    expect(invitations[0]!.body).not.toContain(`${url}?score=6`);
  });

  it('asks the buyer of a delivered gift, never its recipient', async () => {
    const at = kept.clock.now().toISOString();
    await kept.api('POST', '/api/v1/events', {
      events: [
        { id: 'gift-placed', type: 'order.placed', occurred_at: at, customer: { email: 'hal@example.com' }, order: { id: 'G-1', ship_to: { is_gift: true, recipient_email: 'ivy@example.com' } } },
        { id: 'gift-delivered', type: 'order.delivered', occurred_at: at, order: { id: 'G-1' } },
      ],
    });
    expect((await surveyLinkOf(kept, 'hal@example.com')).invitations).toHaveLength(1);
    const everything = (await kept.api('GET', '/api/v1/outbox?limit=200')).body.items as OutboxEntry[];
    expect(everything.filter((entry) => entry.to === 'ivy@example.com')).toEqual([]);
  });
});
