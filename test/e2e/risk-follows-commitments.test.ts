// A case's risk is refreshed by whatever changes it: a commitment breaching raises it with no new message,
// and the breached commitment kept late lowers it again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeKinds } from '../helpers/stores.js';
import { createTestKept, type TestKept } from '../helpers/test-app.js';
import { advanceTo, caseOf, contact, createAgent, ingest, type TestAgent } from './commitment-helpers.js';

describe.each(storeKinds)('risk and commitments on %s', (storeKind) => {
  let kept: TestKept;
  let agent: TestAgent;
  beforeAll(async () => {
    kept = await createTestKept({ store: storeKind, clockStart: new Date('2026-12-07T09:00:00Z') });
    agent = await createAgent(kept, { name: 'ada', role: 'agent' });
  });
  afterAll(async () => kept?.close());

  const riskOf = async () => (await caseOf(kept, 'yara@example.com')).risk as { score: number; signals: { code: string }[] };

  it('rises when the first response breaches, and falls when it is kept late', async () => {
    await ingest(kept, contact({ id: 'yara-1', email: 'yara@example.com', at: '2026-12-07T09:00:00Z', text: 'Where is my parcel?' }));
    expect((await riskOf()).signals.map((signal) => signal.code)).not.toContain('breached_commitment');
    // Four business hours pass with no answer and no new message from the customer.
    await advanceTo(kept, '2026-12-07T13:01:00Z');
    const theCase = await caseOf(kept, 'yara@example.com');
    expect(theCase.commitments.filter((c: { state: string }) => c.state === 'breached').map((c: { kind: string }) => c.kind)).toEqual(['first_response']);
    const raised = await riskOf();
    expect(raised.signals.map((signal) => signal.code)).toContain('breached_commitment');
    expect(raised.score).toBeGreaterThan(0);
    // The first response arrives late: it is kept late, and its breach stops counting against the case.
    const reply = await kept.api('POST', `/api/v1/cases/${theCase.id}/replies`, { author_id: agent.id, body: 'Sorry for the wait: your parcel left our warehouse this morning.' });
    expect(reply.status).toBe(201);
    const after = await caseOf(kept, 'yara@example.com');
    expect(after.commitments.find((c: { kind: string }) => c.kind === 'first_response')).toMatchObject({ state: 'kept', kept_late: true });
    expect((await riskOf()).signals.map((signal) => signal.code)).not.toContain('breached_commitment');
  });
});
