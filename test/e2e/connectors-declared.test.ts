// The two example connectors in docs/examples/connectors/ work as shipped: a shop of one's own signing
// "<timestamp>.<body>", and Lemon Squeezy. A status the mapping does not know is kept with its error and,
// once the mapping learns it and Kept restarts, replayed into the event it should have been.
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp, type Kept } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import * as declared from '../fixtures/connectors/declared.js';
import { createTestStore, storeKinds, type TestStore } from '../helpers/stores.js';
import { adminToken } from '../helpers/test-app.js';

const example = (name: string) => fileURLToPath(new URL(`../../docs/examples/connectors/${name}`, import.meta.url));
const acmeSecret = 'acme_test_secret_0123456789';
const lemonSecret = 'lemon_test_secret_0123456789';

async function start(store: TestStore, configPath: string): Promise<Kept> {
  const config = loadConfig({ KEPT_CLOCK: 'manual', KEPT_ADMIN_TOKEN: adminToken, KEPT_LOG_LEVEL: 'silent', KEPT_CONFIG: configPath });
  return buildApp({ config, store, clockStart: new Date('2026-12-01T10:50:00Z') });
}

async function api(kept: Kept, method: 'GET' | 'POST', url: string) {
  const response = await kept.app.inject({ method, url, headers: { authorization: `Bearer ${adminToken}` } });
  return { status: response.statusCode, body: response.json() };
}

async function postAcme(kept: Kept, payload: unknown, options: { delivery: string; secret?: string; skewSeconds?: number }) {
  const body = JSON.stringify(payload);
  const timestamp = Math.floor(kept.clock.now().getTime() / 1000) - (options.skewSeconds ?? 0);
  const signature = createHmac('sha256', options.secret ?? acmeSecret)
    .update(`${timestamp}.${body}`)
    .digest('hex');
  const response = await kept.app.inject({
    method: 'POST',
    url: '/webhooks/acme-shop',
    headers: { 'content-type': 'application/json', 'x-acme-signature': `sha256=${signature}`, 'x-acme-timestamp': String(timestamp), 'x-acme-delivery': options.delivery },
    payload: body,
  });
  await kept.connectors.idle();
  return response.statusCode;
}

async function postLemon(kept: Kept, payload: { meta: { event_name: string } }) {
  const body = JSON.stringify(payload);
  const response = await kept.app.inject({
    method: 'POST',
    url: '/webhooks/lemon-squeezy',
    headers: { 'content-type': 'application/json', 'x-signature': createHmac('sha256', lemonSecret).update(body).digest('hex'), 'x-event-name': payload.meta.event_name },
    payload: body,
  });
  await kept.connectors.idle();
  return response.statusCode;
}

describe.each(storeKinds)('declared connectors on %s', (storeKind) => {
  let store: TestStore;
  let kept: Kept;

  beforeAll(async () => {
    vi.stubEnv('ACME_SHOP_WEBHOOK_SECRET', acmeSecret);
    vi.stubEnv('LEMON_SQUEEZY_WEBHOOK_SECRET', lemonSecret);
    store = await createTestStore(storeKind);
    kept = await start(store, example('custom-shop.yaml'));
  });
  afterAll(async () => {
    await kept?.close();
    await store?.close();
    vi.unstubAllEnvs();
  });

  it("the custom shop's cancellation becomes order.cancelled with the catalog's reason, and its refund in pence a refund", async () => {
    expect(await postAcme(kept, declared.acmePlaced, { delivery: 'd-1' })).toBe(200);
    expect(await postAcme(kept, declared.acmeCancelled, { delivery: 'd-2' })).toBe(200);
    expect(await postAcme(kept, declared.acmeRefund, { delivery: 'd-3' })).toBe(200);
    expect(await postAcme(kept, declared.acmeGift, { delivery: 'd-4' })).toBe(200);
    expect((await api(kept, 'GET', '/api/v1/orders/ACME-501')).body).toMatchObject({
      state: 'refunded',
      reason_code: 'payment_verification_failed',
      total: { amount_minor: 8950, currency: 'GBP' },
      payment: { last4: '5556' },
      facts: { refund: { amount_minor: 1250, currency: 'GBP', to_last4: '5556' } },
    });
    expect((await api(kept, 'GET', '/api/v1/orders/ACME-503')).body).toMatchObject({ is_gift: true, recipient_email: 'jo@example.com', ship_to: { name: 'Jo Hart' } });
    expect((await api(kept, 'GET', '/api/v1/customers?email=ivy@example.com')).body.items).toHaveLength(1);
  });

  it('refuses a stale timestamp with 400 and a wrong secret with 401, storing neither', async () => {
    expect(await postAcme(kept, declared.acmeCancelled, { delivery: 'd-stale', skewSeconds: 301 })).toBe(400);
    expect(await postAcme(kept, declared.acmeCancelled, { delivery: 'd-forged', secret: 'guess' })).toBe(401);
    const ids = (await api(kept, 'GET', '/api/v1/connectors/deliveries?connector=acme-shop')).body.deliveries.map((d: { delivery_id: string }) => d.delivery_id);
    expect(ids).toEqual(['d-4', 'd-3', 'd-2', 'd-1']);
  });

  it('keeps a delivery whose status the table does not know, with the value named, and replays it once the mapping knows it', async () => {
    expect(await postAcme(kept, declared.acmeLost, { delivery: 'd-5' })).toBe(200);
    const [failed] = (await api(kept, 'GET', '/api/v1/connectors/deliveries?connector=acme-shop&status=failed')).body.deliveries;
    expect(failed).toMatchObject({ delivery_id: 'd-5', error: expect.stringContaining('type: the value "lost" at $.order.status is not in the type table'), event_ids: [] });
    expect((await api(kept, 'GET', '/api/v1/connectors')).body.connectors.find((c: { name: string }) => c.name === 'acme-shop')).toMatchObject({
      endpoint_url: 'http://localhost:3000/webhooks/acme-shop',
      failures: 1,
      last_status: 'failed',
    });

    const fixed = readFileSync(example('custom-shop.yaml'), 'utf8')
      .replace('            returned_to_sender: order.delivery_exception\n', '            returned_to_sender: order.delivery_exception\n            lost: order.delivery_exception\n')
      .replace('            bad_address: address_undeliverable\n', '            bad_address: address_undeliverable\n            lost_by_carrier: lost_in_transit\n');
    const fixedPath = join(mkdtempSync(join(tmpdir(), 'kept-connectors-')), 'kept.config.yaml');
    writeFileSync(fixedPath, fixed);
    await kept.close();
    kept = await start(store, fixedPath);
    const replayed = await api(kept, 'POST', `/api/v1/connectors/deliveries/${failed.id}/replay`);
    expect(replayed).toMatchObject({ status: 200, body: { status: 'ingested', error: null, event_ids: ['acme-shop:ev_9002'], attempts: 2 } });
    expect((await api(kept, 'GET', '/api/v1/orders/ACME-502')).body).toMatchObject({ state: 'delivery_exception', reason_code: 'lost_in_transit' });
  });

  it('Lemon Squeezy: a paid order in cents, a failed one in yen, and a refund', async () => {
    await kept.close();
    kept = await start(store, example('lemon-squeezy.yaml'));
    expect(await postLemon(kept, declared.lemonPaid)).toBe(200);
    expect(await postLemon(kept, declared.lemonFailedYen)).toBe(200);
    expect(await postLemon(kept, declared.lemonRefunded)).toBe(200);
    expect((await api(kept, 'GET', '/api/v1/orders/1001')).body).toMatchObject({
      state: 'refunded',
      total: { amount_minor: 1900, currency: 'USD' },
      facts: { refund: { amount_minor: 950, currency: 'USD' } },
    });
    expect((await api(kept, 'GET', '/api/v1/orders/1002')).body).toMatchObject({ state: 'payment_failed', reason_code: 'payment_verification_failed', total: { amount_minor: 2500, currency: 'JPY' } });
    const deliveries = (await api(kept, 'GET', '/api/v1/connectors/deliveries?connector=lemon-squeezy')).body.deliveries;
    expect(deliveries.map((d: { status: string }) => d.status)).toEqual(['ingested', 'ingested', 'ingested']);
  });
});
