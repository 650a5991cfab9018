// Kept tested the way an attacker would, every run: generated bad input thrown at the events API, the inbound
// email endpoint, SMTP, the customer forms and the login, on 127.0.0.1. Whatever comes in, Kept never answers
// 5xx, never takes longer than a deadline to answer, keeps serving, and what was written before the barrage
// reads back unchanged. Bounded in runs per door so the suite stays under a minute; a failure prints the seed
// that replays it (fc.assert's `seed` option).
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeKinds } from '../helpers/stores.js';
import { adminToken, createTestKept, type TestKept } from '../helpers/test-app.js';
import { arbitraryEvent, arbitraryMail, arbitraryFormBody, arbitraryJsonText, arbitrarySmtpLine } from './attacker-input.js';

/** Longer than any answer Kept gives on a busy machine, far shorter than a blocked event loop. */
const deadlineMs = 15_000;
const runs = 25;

describe.each(storeKinds)('an attacker at every door, on %s', (store) => {
  let kept: TestKept;
  let base: string;
  let smtpPort: number;
  let before: string[];
  const anchor = { customerId: '', caseId: '' };

  async function send(path: string, init: { method?: string; body?: string | Buffer; headers?: Record<string, string> }) {
    const body = typeof init.body === 'string' || init.body === undefined ? init.body : new Uint8Array(init.body);
    const response = await fetch(`${base}${path}`, { method: init.method ?? 'POST', ...(body !== undefined ? { body } : {}), headers: init.headers ?? {}, signal: AbortSignal.timeout(deadlineMs) });
    await response.arrayBuffer();
    return response.status;
  }
  const json = (token = adminToken) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
  const snapshot = async () => [
    JSON.stringify((await kept.api('GET', `/api/v1/customers/${anchor.customerId}`)).body),
    JSON.stringify((await kept.api('GET', `/api/v1/cases/${anchor.caseId}`)).body),
    JSON.stringify((await kept.api('GET', `/api/v1/customers/${anchor.customerId}/timeline`)).body),
  ];

  beforeAll(async () => {
    kept = await createTestKept({ store });
    await kept.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(kept.app.server.address() as AddressInfo).port}`;
    smtpPort = (await kept.channels.start({ smtpPort: 0, smtpHost: '127.0.0.1' })).smtpPort;
    const written = await kept.api('POST', '/api/v1/events', {
      id: 'anchor-1',
      type: 'contact.received',
      occurred_at: '2026-12-01T08:00:00Z',
      customer: { email: 'anchor.customer@kept-fuzz.test', name: 'Anchor Customer' },
      data: { channel: 'web_form', text: 'Where is my order? May I speak to a manager?' },
    });
    expect(written.status).toBe(202);
    anchor.customerId = (await kept.api('GET', '/api/v1/customers?email=anchor.customer%40kept-fuzz.test')).body.items[0].id;
    anchor.caseId = (await kept.api('GET', `/api/v1/cases?customer_id=${anchor.customerId}`)).body.items[0].id;
    before = await snapshot();
  });
  afterAll(async () => kept?.close());

  it('answers every generated event, batch and JSON text at POST /api/v1/events below 500', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          arbitraryEvent.map((event) => JSON.stringify(event)),
          arbitraryEvent.map((event) => JSON.stringify({ events: [event, event] })),
          arbitraryJsonText,
        ),
        async (body) => {
          expect(await send('/api/v1/events', { body, headers: json() })).toBeLessThan(500);
        },
      ),
      { numRuns: runs * 2 },
    );
  });

  it('answers every generated raw mail at POST /api/v1/inbound/email below 500', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryMail, async (raw) => {
        expect(await send('/api/v1/inbound/email', { body: raw, headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'message/rfc822' } })).toBeLessThan(500);
      }),
      { numRuns: runs },
    );
  });

  it('keeps answering SMTP through generated commands and messages, and still takes a good message', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(arbitrarySmtpLine, { minLength: 1, maxLength: 8 }), async (lines) => {
        const socket = connect(smtpPort, '127.0.0.1');
        const replies: string[] = [];
        socket.on('data', (data: Buffer) => replies.push(data.toString('latin1')));
        // Wait for the greeting: a client that talks first is dropped by design (the early-talker check).
        await new Promise<void>((resolve, reject) => {
          socket.once('data', () => resolve());
          socket.once('error', reject);
        });
        for (const line of lines) socket.write(line);
        socket.write('\r\n.\r\nQUIT\r\n');
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`SMTP did not answer within ${deadlineMs} ms`)), deadlineMs);
          socket.once('close', () => {
            clearTimeout(timer);
            resolve();
          });
          socket.once('error', () => undefined);
          socket.end();
        });
        // A greeting, then an answer to what was sent, ending with the goodbye or a refusal; never silence.
        expect(replies.join('')).toMatch(/^220 /);
        expect(replies.join('').split('\r\n').filter(Boolean).length).toBeGreaterThan(1);
      }),
      { numRuns: runs },
    );
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true });
    const sent = await transport.sendMail({ from: 'after.barrage@kept-fuzz.test', to: 'support@shop.example', subject: 'Still there?', text: 'Is anyone there?' });
    transport.close();
    expect(sent.response).toMatch(/^250 /);
  });

  it('answers every generated customer form post and login below 500', async () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    await fc.assert(
      fc.asyncProperty(arbitraryFormBody, fc.stringMatching(/^[A-Za-z0-9_-]{0,80}$/), async (body, token) => {
        expect(await send('/contact', { body, headers: form })).toBeLessThan(500);
        expect(await send(`/forms/${encodeURIComponent(token)}`, { body, headers: form })).toBeLessThan(500);
        expect(await send(`/forms/${encodeURIComponent(token)}?score=${encodeURIComponent(body.slice(0, 20))}`, { method: 'GET' })).toBeLessThan(500);
      }),
      { numRuns: runs },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          arbitraryJsonText,
          fc.record({ email: fc.string(), password: fc.string() }).map((body) => JSON.stringify(body)),
        ),
        async (body) => {
          expect(await send('/api/v1/auth/login', { body, headers: { 'content-type': 'application/json' } })).toBeLessThan(500);
        },
      ),
      { numRuns: runs },
    );
  });

  it('still serves, and what was written before the barrage reads back unchanged', async () => {
    expect(await send('/api/v1/health', { method: 'GET' })).toBe(200);
    expect(await snapshot()).toEqual(before);
  });
});
