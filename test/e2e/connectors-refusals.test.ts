// What Kept refuses at the door, and what it writes down about it: the log names the connector and the
// problem, never the secret; an oversized body, an unknown connector and an unset secret store nothing.
import { createHmac } from 'node:crypto';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type Kept } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { insertDelivery } from '../../src/features/connectors/connector.repo.js';
import { webhookBodyLimit } from '../../src/features/connectors/connector.routes.js';
import * as shopify from '../fixtures/connectors/shopify.js';
import { createTestStore, storeKinds, type TestStore } from '../helpers/stores.js';
import { adminToken } from '../helpers/test-app.js';
import { postShopify, postStripe, shopifySecret, stripeSecret } from '../helpers/webhooks.js';

describe.each(storeKinds)('webhooks refused at the door on %s', (storeKind) => {
  let store: TestStore;
  let kept: Kept;
  const lines: string[] = [];

  beforeAll(async () => {
    store = await createTestStore(storeKind);
    const logger = pino({ level: 'info' }, new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) }));
    // Shopify and Stripe are configured; WooCommerce is not.
    kept = await buildApp({ config: config(), store, logger, clockStart: new Date('2026-12-01T10:00:00Z') });
  });
  afterAll(async () => {
    await kept?.close();
    await store?.close();
  });

  const config = () =>
    loadConfig({ KEPT_CLOCK: 'manual', KEPT_ADMIN_TOKEN: adminToken, KEPT_SHOPIFY_WEBHOOK_SECRET: shopifySecret, KEPT_STRIPE_WEBHOOK_SECRET: stripeSecret, KEPT_LOG_LEVEL: 'silent' });
  const stored = async () => (await kept.app.inject({ method: 'GET', url: '/api/v1/connectors/deliveries', headers: { authorization: `Bearer ${adminToken}` } })).json().deliveries;

  it('logs which connector refused what, and never the secret', async () => {
    expect((await postShopify(kept, { topic: 'orders/create', payload: shopify.giftOrder, webhookId: 'w-x', secret: 'wrong' })).status).toBe(401);
    expect((await postStripe(kept, { event: { id: 'evt_1', type: 'charge.refunded' }, timestamp: Math.floor(kept.clock.now().getTime() / 1000) - 600 })).status).toBe(400);
    const refusals = lines.filter((line) => line.includes('webhook refused')).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(refusals.map((entry) => [entry['connector'], entry['status']])).toEqual([
      ['shopify', 401],
      ['stripe', 400],
    ]);
    expect(lines.join('\n')).not.toContain(shopifySecret);
    expect(lines.join('\n')).not.toContain(stripeSecret);
  });

  it('refuses a connector whose secret is not set, one nobody declared, and a body over the limit, storing nothing', async () => {
    const unset = await kept.app.inject({ method: 'POST', url: '/webhooks/woocommerce', headers: { 'content-type': 'application/json', 'x-wc-webhook-signature': 'abc' }, payload: '{}' });
    expect(unset.statusCode).toBe(401);
    expect(unset.json().detail).toBe('the WooCommerce webhook is not configured: set KEPT_WOOCOMMERCE_WEBHOOK_SECRET');
    expect((await kept.app.inject({ method: 'POST', url: '/webhooks/nobody', headers: { 'content-type': 'application/json' }, payload: '{}' })).statusCode).toBe(404);
    const huge = JSON.stringify({ ...shopify.giftOrder, note: 'x'.repeat(webhookBodyLimit) });
    expect((await postShopify(kept, { topic: 'orders/create', payload: JSON.parse(huge), webhookId: 'w-huge' })).status).toBe(413);
    // A raw NUL byte in the body (not the JSON escape): signed correctly, and still not storable.
    const withNul = Buffer.from('{"id": 1, "name": "#1\u0000"}');
    const nulAnswer = await kept.app.inject({
      method: 'POST',
      url: '/webhooks/shopify',
      headers: {
        'content-type': 'application/json',
        'x-shopify-hmac-sha256': createHmac('sha256', shopifySecret).update(withNul).digest('base64'),
        'x-shopify-webhook-id': 'w-nul',
        'x-shopify-topic': 'orders/create',
      },
      payload: withNul,
    });
    expect(nulAnswer.statusCode).toBe(400);
    expect(await stored()).toEqual([]);
  });

  it('maps, when Kept starts again, a delivery stored by a process that stopped before mapping it', async () => {
    // What a process leaves when it stops right after answering the platform: the delivery, stored, unmapped.
    await insertDelivery(store.db, {
      connector: 'shopify',
      deliveryId: 'w-left',
      topic: 'orders/create',
      headers: { 'x-shopify-shop-domain': 'kept-demo.myshopify.com' },
      body: JSON.stringify(shopify.giftOrder),
      at: new Date('2026-12-01T10:00:00Z'),
    });
    await kept.close();
    kept = await buildApp({ config: config(), store, clockStart: new Date('2026-12-01T10:05:00Z') });
    await kept.connectors.idle();
    expect(await stored()).toEqual([expect.objectContaining({ delivery_id: 'w-left', status: 'ingested', attempts: 1 })]);
    expect((await kept.app.inject({ method: 'GET', url: '/api/v1/orders/1001', headers: { authorization: `Bearer ${adminToken}` } })).json()).toMatchObject({ state: 'placed', is_gift: true });
  });
});
