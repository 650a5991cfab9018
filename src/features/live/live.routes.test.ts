// The console's live stream: a case that changes reaches every open console as a server-sent event,
// and closing Kept does not wait for consoles to hang up.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sseReader } from '../../../test/helpers/sse.js';
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

    await kept.api('POST', '/api/v1/events', { id: 'live-1', type: 'contact.received', occurred_at: '2026-12-01T09:00:00Z', customer: { email: 'ana@example.com' }, data: { channel: 'web_form', text: 'Hello?' } });
    const caseId = (await kept.api('GET', '/api/v1/cases')).body.items[0].id;
    const opened = await reader.readUntil(caseId);
    expect(opened).toContain(`event: case.updated\ndata: {"case_id":"${caseId}"}\n\n`);

    await kept.services.bus.emit('live.commitment_updated', { commitmentId: 'cmt_9', caseId });
    expect(await reader.readUntil('cmt_9')).toContain(`event: commitment.updated\ndata: {"id":"cmt_9","case_id":"${caseId}"}\n\n`);
    expect(kept.services.live.count()).toBe(1);
    // The stream stays open: closing Kept ends it rather than waiting (afterAll would time out otherwise).
  });
});
