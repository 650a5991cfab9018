// A Shopify shop connected to Kept without a line of custom code: signed deliveries are stored and answered,
// redeliveries change nothing, deliveries that arrive out of order leave the order as it really is, and a
// cancellation for a declined card reaches the buyer, with the payment reason, within the notify window.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as shopify from '../fixtures/connectors/shopify.js';
import { storeKinds } from '../helpers/stores.js';
import { createTestKept, type TestKept } from '../helpers/test-app.js';
import { connectorSecrets, postShopify } from '../helpers/webhooks.js';

describe.each(storeKinds)('Shopify webhooks on %s', (storeKind) => {
  let kept: TestKept;
  const deliveries = async () =>
    (await kept.api('GET', '/api/v1/connectors/deliveries?connector=shopify')).body.deliveries as { delivery_id: string; status: string; error: string | null; waiting_on: string | null }[];
  const send = async (topic: string, payload: unknown, webhookId: string) => {
    const answer = await postShopify(kept, { topic, payload, webhookId });
    await kept.connectors.idle();
    return answer;
  };

  beforeAll(async () => {
    kept = await createTestKept({ store: storeKind, env: connectorSecrets, clockStart: new Date('2026-12-01T10:01:00Z') });
  });
  afterAll(async () => kept?.close());

  it('refuses a delivery signed with another secret with 401 and stores nothing', async () => {
    const answer = await postShopify(kept, { topic: 'orders/create', payload: shopify.giftOrder, webhookId: 'w-forged', secret: 'not-the-shop-secret' });
    expect(answer.status).toBe(401);
    expect(answer.body['detail']).toBe('X-Shopify-Hmac-Sha256 is missing or does not match the body');
    expect(await deliveries()).toEqual([]);
  });

  it('a gift order becomes the order, with the recipient kept apart from the buyer', async () => {
    const answer = await send('orders/create', shopify.giftOrder, 'w-1001-create');
    expect(answer).toEqual({ status: 200, body: { received: true, id: expect.any(String) } });
    const order = (await kept.api('GET', '/api/v1/orders/1001')).body;
    expect(order).toMatchObject({
      state: 'placed',
      is_gift: true,
      recipient_email: 'bea@example.com',
      total: { amount_minor: 5990, currency: 'EUR' },
      payment: { method: 'Visa', last4: '4242' },
      placed_at: '2026-12-01T09:58:00.000Z',
    });
    expect(await deliveries()).toEqual([expect.objectContaining({ delivery_id: 'w-1001-create', status: 'ingested', error: null })]);
  });

  it('a redelivery with the same X-Shopify-Webhook-Id changes nothing', async () => {
    const answer = await send('orders/create', shopify.giftOrder, 'w-1001-create');
    expect(answer).toEqual({ status: 200, body: { received: true, duplicate: true } });
    expect(await deliveries()).toHaveLength(1);
  });

  it('an unreadable phone on the Shopify customer is left out, and the order still comes in', async () => {
    const order = {
      ...shopify.officeOrder,
      id: 450789480,
      name: '#1010',
      email: 'max@example.com',
      customer: { ...shopify.giftOrder.customer, id: 207119560, email: 'max@example.com', phone: 'call the office' },
    };
    await send('orders/create', order, 'w-1010-create');
    expect((await deliveries()).find((d) => d.delivery_id === 'w-1010-create')).toMatchObject({ status: 'ingested', error: null });
    expect((await kept.api('GET', '/api/v1/customers?email=max@example.com')).body.items).toHaveLength(1);
  });

  it('links the Shopify customer id to the same customer as the e-mail, and a new phone with them', async () => {
    await send('customers/update', shopify.customerUpdate, 'w-ana-update');
    const byEmail = (await kept.api('GET', '/api/v1/customers?email=ana@example.com')).body.items;
    const byPhone = (await kept.api('GET', `/api/v1/customers?phone=${encodeURIComponent('+15557654321')}`)).body.items;
    expect(byEmail).toHaveLength(1);
    expect(byPhone.map((customer: { id: string }) => customer.id)).toEqual([byEmail[0].id]);
  });

  it('deliveries out of order leave the order in its real state: a refund waits for its order, a late placement undoes nothing', async () => {
    const fulfillment = { ...shopify.giftFulfillment, id: 255858047, order_id: 450789471, name: '#1003.1' };
    const refund = { ...shopify.partialRefund, id: 509562971, order_id: 450789471 };
    await send('fulfillments/create', fulfillment, 'w-1003-fulfilled');
    await send('refunds/create', refund, 'w-1003-refund');
    expect((await deliveries()).find((d) => d.delivery_id === 'w-1003-refund')).toMatchObject({ status: 'failed', waiting_on: '450789471' });
    await send('orders/create', shopify.officeOrder, 'w-1003-create');
    expect((await deliveries()).find((d) => d.delivery_id === 'w-1003-refund')).toMatchObject({ status: 'ingested', error: null, waiting_on: null });
    const order = (await kept.api('GET', '/api/v1/orders/1003')).body;
    expect(order.history.map((entry: { state: string; at: string }) => [entry.state, entry.at])).toEqual([
      ['placed', '2026-12-01T09:58:00.000Z'],
      ['shipped', '2026-12-02T08:00:00.000Z'],
      ['refunded', '2026-12-05T10:00:00.000Z'],
    ]);
    expect(order).toMatchObject({ state: 'refunded', carrier: 'CTT', tracking_number: 'RR123456785PT', facts: { refund: { amount_minor: 1000, currency: 'EUR', to_last4: '4242' } } });
  });

  it("a delay reported after the delivery (the carrier's older update arriving late) leaves the order delivered", async () => {
    await send('fulfillments/update', shopify.giftFulfillmentDelivered, 'w-1001-delivered');
    await send('fulfillments/update', shopify.giftFulfillmentDelayed, 'w-1001-delayed');
    const order = (await kept.api('GET', '/api/v1/orders/1001')).body;
    expect(order.state).toBe('delivered');
    expect(order.history.map((entry: { state: string }) => entry.state)).toEqual(['placed', 'shipped', 'delayed', 'delivered']);
  });

  it('an orders/updated that arrives before orders/create: the order is placed, and keeps the corrected address', async () => {
    const base = { ...shopify.giftOrder, id: 450789490, name: '#1030' };
    await send('orders/updated', { ...base, updated_at: '2026-12-01T09:59:30+00:00', shipping_address: { ...base.shipping_address, address2: '2º Dto' } }, 'w-1030-updated');
    await send('orders/create', base, 'w-1030-create');
    const order = (await kept.api('GET', '/api/v1/orders/1030')).body;
    expect(order).toMatchObject({ state: 'placed', placed_at: '2026-12-01T09:58:00.000Z', ship_to: { address: { address2: '2º Dto' } } });
  });

  it('an older orders/updated arriving after a newer state leaves the state alone', async () => {
    await send('orders/updated', { ...shopify.officeOrder, updated_at: '2026-12-01T09:59:00+00:00', financial_status: 'paid' }, 'w-1003-updated-late');
    expect((await kept.api('GET', '/api/v1/orders/1003')).body.state).toBe('refunded');
  });

  it('a cancellation for a declined card: the buyer is told, with the payment reason, before the notify deadline', async () => {
    await send('orders/create', shopify.multiCurrencyOrder, 'w-1002-create');
    await send('orders/cancelled', shopify.declinedCancellation, 'w-1002-cancelled');
    const customerId = (await kept.api('GET', '/api/v1/customers?email=carl@example.com')).body.items[0].id;
    const [notify] = (await kept.api('GET', `/api/v1/commitments?customer_id=${customerId}&kind=notify`)).body.items;
    expect(notify).toMatchObject({ state: 'open', due_at: '2026-12-01T10:15:30.000Z' });
    await kept.api('POST', '/api/v1/clock', { to: '2026-12-01T10:16:00Z' });
    const sent = (await kept.api('GET', `/api/v1/outbox?customer_id=${customerId}`)).body.items;
    expect(sent).toEqual([expect.objectContaining({ to: 'carl@example.com', status: 'sent', reason_code: 'payment_verification_failed' })]);
    expect(sent[0].body).toContain('We could not verify the payment details for this order.');
    expect(sent[0].body).toContain('1002');
    const kept1002 = (await kept.api('GET', `/api/v1/commitments?customer_id=${customerId}&kind=notify`)).body.items;
    expect(kept1002).toEqual([expect.objectContaining({ state: 'kept', kept_late: false })]);
    expect((await kept.api('GET', '/api/v1/orders/1002')).body).toMatchObject({ state: 'cancelled', reason_code: 'payment_verification_failed', total: { amount_minor: 13520, currency: 'CAD' } });
  });

  it('lists the connector with its endpoint, its last delivery and its failures', async () => {
    const listed = (await kept.api('GET', '/api/v1/connectors')).body.connectors;
    expect(listed.find((c: { name: string }) => c.name === 'shopify')).toEqual({
      name: 'shopify',
      kind: 'shopify',
      endpoint_url: 'http://localhost:3000/webhooks/shopify',
      configured: true,
      secret_env: 'KEPT_SHOPIFY_WEBHOOK_SECRET',
      deliveries: 13,
      failures: 0,
      last_delivery_at: '2026-12-01T10:01:00.000Z',
      last_status: 'ingested',
    });
  });
});
