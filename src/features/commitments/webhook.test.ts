import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { CaseId, CommitmentId } from '../../shared/values.js';
import { sendWebhook, signWebhookBody, verifyWebhookSignature, webhookPayloadFor } from './webhook.js';

const secret = 'whsec_0123456789abcdef';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** A real receiver on 127.0.0.1 that answers each request with the next status in `statuses`. */
async function receiver(statuses: number[]): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.statusCode = statuses[Math.min(received.length - 1, statuses.length - 1)] ?? 200;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/kept`, received };
}

const dueAt = new Date('2026-11-23T10:15:00.000Z');
const payload = webhookPayloadFor(
  {
    key: 'com_1:breach:webhook:2:2026-11-23T10:15:00.000Z',
    phase: 'breach',
    commitmentId: 'com_1' as CommitmentId,
    kind: 'notify',
    ownerId: null,
    caseId: 'cas_1' as CaseId,
    customerId: null,
    orderId: 'A-1001',
    reasonCode: 'payment_verification_failed',
    dueAt,
    action: { type: 'webhook', url: 'http://127.0.0.1/kept', secret },
  },
  dueAt,
);

describe('the webhook action', () => {
  it('delivers a body the receiver can verify with the shared secret', async () => {
    const { url, received } = await receiver([204]);
    const result = await sendWebhook({ url, secret, payload, idempotencyKey: 'com_1:breach:webhook:2:2026-11-23T10:15:00.000Z' });
    expect(result).toEqual({ delivered: true, attempts: 1, status: 204 });
    const [request] = received;
    expect(JSON.parse(request?.body ?? '')).toMatchObject({ event: 'commitment.breached', commitment_id: 'com_1', kind: 'notify', order_id: 'A-1001', due_at: '2026-11-23T10:15:00.000Z' });
    expect(request?.headers['idempotency-key']).toBe('com_1:breach:webhook:2:2026-11-23T10:15:00.000Z');
    const header = String(request?.headers['kept-signature']);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature({ header, body: request?.body ?? '', secret, now: new Date() })).toBe(true);
    expect(verifyWebhookSignature({ header, body: `${request?.body} `, secret, now: new Date() })).toBe(false);
    expect(verifyWebhookSignature({ header, body: request?.body ?? '', secret: 'whsec_another_secret!', now: new Date() })).toBe(false);
  });

  it('retries 5xx and 429 with growing delays until the receiver accepts', async () => {
    const { url, received } = await receiver([503, 429, 500, 200]);
    const delays: number[] = [];
    const result = await sendWebhook({
      url,
      secret,
      payload,
      idempotencyKey: 'k',
      baseDelayMs: 40,
      sleep: async (ms) => {
        delays.push(ms);
        await new Promise((resolve) => setTimeout(resolve, ms));
      },
    });
    expect(result).toEqual({ delivered: true, attempts: 4, status: 200 });
    expect(received).toHaveLength(4);
    // Jittered between half and all of 40, 80, 160 ms.
    expect(delays.map((d, i) => d >= 20 * 2 ** i && d <= 40 * 2 ** i)).toEqual([true, true, true]);
    expect(new Set(received.map((r) => r.headers['idempotency-key']))).toEqual(new Set(['k']));
  });

  it('gives up at once on a 4xx refusal, and after the last attempt when the receiver is down', async () => {
    const refusing = await receiver([401]);
    expect(await sendWebhook({ url: refusing.url, secret, payload, idempotencyKey: 'k', baseDelayMs: 1 })).toEqual({ delivered: false, attempts: 1, status: 401 });
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    server = undefined;
    const down = await sendWebhook({ url: refusing.url, secret, payload, idempotencyKey: 'k', maxAttempts: 3, baseDelayMs: 1 });
    expect(down).toEqual({ delivered: false, attempts: 3, status: null });
  });

  it('refuses a signature from too long ago, so a captured request cannot be replayed later', () => {
    const body = JSON.stringify(payload);
    const header = signWebhookBody({ body, secret, at: new Date('2026-11-23T10:00:00Z') });
    expect(verifyWebhookSignature({ header, body, secret, now: new Date('2026-11-23T10:04:00Z') })).toBe(true);
    expect(verifyWebhookSignature({ header, body, secret, now: new Date('2026-11-23T10:06:00Z') })).toBe(false);
  });
});
