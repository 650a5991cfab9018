// The webhook action: a breach posts a signed body once; a webhook whose process stopped between commit and
// delivery is sent again at the next start, under the same Idempotency-Key.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhookSignature } from '../../src/features/commitments/webhook.js';
import { storeKinds } from '../helpers/stores.js';
import { createTestKept, testStart, type TestKept } from '../helpers/test-app.js';
import { actionsOf, advanceTo, caseOf, contact, firstOf, ingest } from './commitment-helpers.js';

const secret = 'whsec_0123456789abcdef';

describe.each(storeKinds)('breach webhooks on %s', (storeKind) => {
  let kept: TestKept;
  let server: Server;
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const config = join(mkdtempSync(join(tmpdir(), 'kept-webhook-')), 'kept.config.yaml');
    writeFileSync(
      config,
      [
        'policies:',
        '  - id: acknowledge-contact',
        '    opens: acknowledge',
        '    on: { events: [message.received] }',
        '    once_per: event',
        '    deadline: { minutes: 5 }',
        "    # Only a person keeps it here, so Kept's automatic acknowledgement does not and the breach is certain.",
        '    fulfilled_by: [{ message_out: { author: human } }]',
        '    on_breach:',
        '      - type: webhook',
        `        url: http://127.0.0.1:${port}/kept`,
        `        secret: ${secret}`,
        '',
      ].join('\n'),
    );
    kept = await createTestKept({ store: storeKind, env: { KEPT_CONFIG: config } });
  }, 600_000);
  afterAll(async () => {
    await kept?.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('posts a signed body once per breach, and again after a stop only under the same key', async () => {
    await ingest(kept, contact({ id: 'wh-1', email: 'hook@example.com', at: testStart.toISOString() }));
    await advanceTo(kept, new Date(testStart.getTime() + 6 * 60_000).toISOString());
    await kept.commitments.service.drainWebhooks();
    const ack = firstOf((await caseOf(kept, 'hook@example.com')).commitments, 'acknowledge');
    expect(ack.state).toBe('breached');
    expect(received).toHaveLength(1);
    const [first] = received;
    const body = JSON.parse(first!.body);
    expect(body).toMatchObject({ event: 'commitment.breached', commitment_id: ack.id, kind: 'acknowledge' });
    expect(verifyWebhookSignature({ header: String(first!.headers['kept-signature']), body: first!.body, secret, now: new Date() })).toBe(true);
    expect((await actionsOf(kept, ack.id))[0]?.result).toMatchObject({ status: 'delivered', attempts: 1 });

    // Advancing again runs nothing twice.
    await advanceTo(kept, new Date(testStart.getTime() + 60 * 60_000).toISOString());
    await kept.commitments.service.drainWebhooks();
    expect(received).toHaveLength(1);

    // As if the process had stopped between the commit and the send: the action is still pending.
    await sql`update actions set result = jsonb_set(result, '{status}', '"pending"') where commitment_id = ${ack.id}`.execute(kept.store.db);
    expect(await kept.commitments.service.resumePendingWebhooks({ olderThanMs: 60_000 })).toBe(1);
    await kept.commitments.service.drainWebhooks();
    expect(received).toHaveLength(2);
    expect(received[1]!.headers['idempotency-key']).toBe(first!.headers['idempotency-key']);
    expect(JSON.parse(received[1]!.body)).toEqual(body);
    expect((await actionsOf(kept, ack.id))[0]?.result).toMatchObject({ status: 'delivered' });
  });
});
