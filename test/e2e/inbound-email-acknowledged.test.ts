// An email that reaches Kept is acknowledged as its intake commits — no sweep waited for — and the console
// hears of the new case at once; the per-address acknowledgement limit of the config is the one that applies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeConfigFile } from '../helpers/config-files.js';
import { storeKinds } from '../helpers/stores.js';
import { adminToken, createTestKept, type TestKept } from '../helpers/test-app.js';
import type { LiveEvent } from '../../src/features/live/live-event.js';
import { everything } from '../../src/features/live/live-scope.js';

const mail = (input: { from: string; subject: string; id: string }) =>
  `From: ${input.from}\r\nTo: support@kept.local\r\nSubject: ${input.subject}\r\nMessage-ID: <${input.id}@example.com>\r\n\r\nWhere is my parcel?\r\n`;

describe.each(storeKinds)('an inbound email on %s', (storeKind) => {
  let kept: TestKept;
  beforeAll(async () => {
    // One acknowledgement per address in three hours (besides Kept's once per case an hour).
    const config = writeConfigFile('channels:\n  email:\n    acknowledgements: { per_address: 1, window_minutes: 180 }\n');
    kept = await createTestKept({ store: storeKind, env: { KEPT_CONFIG: config } });
  });
  afterAll(async () => kept?.close());

  const post = (payload: string) => kept.app.inject({ method: 'POST', url: '/api/v1/inbound/email', headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'message/rfc822' }, payload });
  const outboxTo = async (address: string) =>
    ((await kept.api('GET', '/api/v1/outbox?limit=100')).body.items as { to: string; origin: string; status: string; case_id: string }[]).filter((entry) => entry.to === address);

  it('is acknowledged as soon as its intake commits, and the console is told of its case', async () => {
    const heard: LiveEvent[] = [];
    const unsubscribe = kept.services.live.subscribe({ scope: everything, send: (event) => heard.push(event), end: () => undefined });
    expect((await post(mail({ from: 'gil@example.com', subject: 'Parcel', id: 'gil-1' }))).statusCode).toBe(202);
    await kept.channels.email.worker.idle();
    unsubscribe();
    const sent = await outboxTo('gil@example.com');
    expect(sent.map((entry) => [entry.origin, entry.status])).toEqual([['acknowledgement', 'sent']]);
    expect(heard).toContainEqual({ type: 'case.updated', data: { case_id: sent[0]!.case_id } });
  });

  it('acknowledges an address no more often than the configured limit, and owes nothing it withheld', async () => {
    const acknowledgements = async () => (await outboxTo('hal@example.com')).filter((entry) => entry.origin === 'acknowledgement');
    await post(mail({ from: 'hal@example.com', subject: 'First question', id: 'hal-1' }));
    await kept.channels.email.worker.idle();
    expect(await acknowledgements()).toHaveLength(1);
    // Past the case's hour but within the address's three: no acknowledgement, and none owed (nothing breaches).
    await kept.api('POST', '/api/v1/clock', { advance_seconds: 61 * 60 });
    await post(mail({ from: 'hal@example.com', subject: 'Re: First question', id: 'hal-2' }));
    await kept.channels.email.worker.idle();
    await kept.api('POST', '/api/v1/clock', { advance_seconds: 10 * 60 });
    expect(await acknowledgements()).toHaveLength(1);
    const customerId = (await kept.api('GET', '/api/v1/customers?email=hal@example.com')).body.items[0].id;
    const owed = (await kept.api('GET', `/api/v1/commitments?customer_id=${customerId}&kind=acknowledge`)).body.items as { state: string }[];
    expect(owed.map((commitment) => commitment.state)).toEqual(['kept']);
    // Three hours after the first, the address is acknowledged again.
    await kept.api('POST', '/api/v1/clock', { advance_seconds: 110 * 60 });
    await post(mail({ from: 'hal@example.com', subject: 'Re: First question', id: 'hal-3' }));
    await kept.channels.email.worker.idle();
    expect((await acknowledgements()).map((entry) => entry.status)).toEqual(['sent', 'sent']);
  });
});
