// The console's live stream: a case that changes reaches every open console as a server-sent event,
// and closing Kept does not wait for consoles to hang up.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLiveStream, sseReader } from '../../../test/helpers/sse.js';
import { adminToken, createTestKept, type TestKept } from '../../../test/helpers/test-app.js';

describe('live stream', () => {
  let kept: TestKept;
  let base: string;
  beforeAll(async () => {
    kept = await createTestKept({ store: 'pglite' });
    await kept.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(kept.app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => kept?.close());

  it('refuses a stream without a token', async () => {
    expect((await fetch(`${base}/api/v1/stream`)).status).toBe(401);
    expect((await fetch(`${base}/api/v1/stream?token=kept_session_wrong`)).status).toBe(401);
  });

  it('tells an open console that a case changed, with the token in the query', async () => {
    const response = await fetch(`${base}/api/v1/stream?token=${adminToken}`);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = sseReader(response.body!.getReader());
    expect(await reader.readUntil('retry:')).toContain('retry: 3000');

    await kept.api('POST', '/api/v1/events', {
      id: 'live-1',
      type: 'contact.received',
      occurred_at: '2026-12-01T09:00:00Z',
      customer: { email: 'ana@example.com' },
      data: { channel: 'web_form', text: 'Hello?' },
    });
    const caseId = (await kept.api('GET', '/api/v1/cases')).body.items[0].id;
    const opened = await reader.readUntil(caseId);
    expect(opened).toContain(`event: case.updated\ndata: {"case_id":"${caseId}"}\n\n`);

    await kept.services.bus.emit('live.commitment_updated', { commitmentId: 'cmt_9', caseId });
    expect(await reader.readUntil('cmt_9')).toContain(`event: commitment.updated\ndata: {"id":"cmt_9","case_id":"${caseId}"}\n\n`);
    expect(kept.services.live.count()).toBe(1);
    // The stream stays open: closing Kept ends it rather than waiting (afterAll would time out otherwise).
  });
});

describe('live stream scoped to what each console shows', () => {
  let kept: TestKept;
  beforeAll(async () => {
    kept = await createTestKept({ store: 'pglite' });
    await kept.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => kept?.close());

  const contact = (id: string, email: string, text: string) => ({ id, type: 'contact.received', occurred_at: '2026-12-01T09:00:00Z', customer: { email }, data: { channel: 'web_form', text } });
  const caseOf = async (email: string): Promise<string> => {
    const customer = (await kept.api('GET', `/api/v1/customers?email=${email}`)).body.items[0];
    return (await kept.api('GET', `/api/v1/cases?customer_id=${customer.id}`)).body.items[0].id;
  };

  it('sends a change to case A to the console open on A and to the lists, never to the console open on B', async () => {
    await kept.api('POST', '/api/v1/events', contact('scope-a', 'ana@example.com', 'Where is my order?'));
    await kept.api('POST', '/api/v1/events', contact('scope-b', 'ben@example.com', 'Hello?'));
    const [caseA, caseB] = [await caseOf('ana@example.com'), await caseOf('ben@example.com')];
    const onA = await openLiveStream(kept.app, adminToken, `case:${caseA}`);
    const onB = await openLiveStream(kept.app, adminToken, `case:${caseB}`);
    const inbox = await openLiveStream(kept.app, adminToken, 'cases');
    const dashboard = await openLiveStream(kept.app, adminToken);

    await kept.api('POST', '/api/v1/events', contact('scope-a-2', 'ana@example.com', 'Any news?'));
    const changedA = `event: case.updated\ndata: {"case_id":"${caseA}"}\n\n`;
    expect(await onA.readUntil(changedA)).toContain(changedA);
    expect(await inbox.readUntil(changedA)).toContain(changedA);
    expect(await dashboard.readUntil(changedA)).toContain(changedA);
    // Whatever else A's change set off (its commitments) reaches B's console neither.
    expect(await onB.readUntil(caseA, 500)).not.toContain(caseA);

    await kept.api('POST', '/api/v1/events', contact('scope-b-2', 'ben@example.com', 'Still there?'));
    const changedB = `event: case.updated\ndata: {"case_id":"${caseB}"}\n\n`;
    expect(await onB.readUntil(changedB)).toContain(changedB);
    expect(await inbox.readUntil(changedB)).toContain(changedB);
    expect(await onA.readUntil(caseB, 500)).not.toContain(caseB);
  });

  it('refuses a scope it cannot read', async () => {
    const refused = await fetch(`http://127.0.0.1:${(kept.app.server.address() as AddressInfo).port}/api/v1/stream?token=${adminToken}&show=queue:breached`);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('none of all, cases, commitments');
  });
});
