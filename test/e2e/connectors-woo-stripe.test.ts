// A WooCommerce shop paid through Stripe, connected to Kept: WooCommerce's ping is answered, its order
// statuses and partial refunds become events once each, whatever order they come in; a stale or forged
// Stripe request stores nothing; and a refund the agent promised is kept when Stripe says it was made.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as stripe from '../fixtures/connectors/stripe.js';
import * as woo from '../fixtures/connectors/woocommerce.js';
import { storeKinds } from '../helpers/stores.js';
import { createTestKept, type TestKept } from '../helpers/test-app.js';
import { connectorSecrets, postStripe, postWoo, stripeSecret } from '../helpers/webhooks.js';
import { contact, createAgent, ingest } from './commitment-helpers.js';

describe.each(storeKinds)('WooCommerce and Stripe webhooks on %s', (storeKind) => {
  let kept: TestKept;
  const deliveries = async (connector: string) =>
    (await kept.api('GET', `/api/v1/connectors/deliveries?connector=${connector}`)).body.deliveries as { delivery_id: string; status: string; event_ids: string[] }[];

  beforeAll(async () => {
    kept = await createTestKept({ store: storeKind, env: connectorSecrets, clockStart: new Date('2026-12-01T10:02:00Z') });
  });
  afterAll(async () => kept?.close());

  it("answers WooCommerce's ping when the webhook is created, storing nothing", async () => {
    const ping = await kept.app.inject({ method: 'POST', url: '/webhooks/woocommerce', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'webhook_id=12' });
    expect(ping.statusCode).toBe(200);
    expect(await deliveries('woocommerce')).toEqual([]);
  });

  it('a completed order delivered before its creation stays shipped; its refunds count once each', async () => {
    await postWoo(kept, { topic: 'order.updated', payload: woo.completedOrder, deliveryId: 'wc-1' });
    await postWoo(kept, { topic: 'order.created', payload: woo.processingOrder, deliveryId: 'wc-2' });
    await postWoo(kept, { topic: 'order.updated', payload: woo.partiallyRefundedOrder, deliveryId: 'wc-3' });
    await postWoo(kept, { topic: 'order.updated', payload: woo.twiceRefundedOrder, deliveryId: 'wc-4' });
    await kept.connectors.idle();
    const order = (await kept.api('GET', '/api/v1/orders/727')).body;
    expect(order.history.map((entry: { state: string }) => entry.state)).toEqual(['placed', 'shipped', 'refunded', 'refunded']);
    expect(order.facts.refund).toMatchObject({ amount_minor: 4800, currency: 'SEK' });
    const customers = (await kept.api('GET', '/api/v1/customers?email=dora@example.com')).body.items;
    expect(customers).toHaveLength(1);
    const timeline = (await kept.api('GET', `/api/v1/customers/${customers[0].id}/timeline`)).body.items;
    expect(timeline.filter((item: { type: string; event_type?: string }) => item.type === 'event' && item.event_type === 'refund.issued').map((item: { event_id: string }) => item.event_id)).toEqual([
      'woocommerce:shop.example.com:refund:740',
      'woocommerce:shop.example.com:refund:741',
    ]);
  });

  it('a forged WooCommerce delivery is 401 and stores nothing', async () => {
    const answer = await postWoo(kept, { topic: 'order.updated', payload: woo.cancelledOrder, deliveryId: 'wc-forged', secret: 'guess' });
    expect(answer.status).toBe(401);
    expect((await deliveries('woocommerce')).map((d) => d.delivery_id)).not.toContain('wc-forged');
  });

  it("a Stripe request signed more than 300 s from Kept's clock is 400, a forged one 401, and neither is stored", async () => {
    const stale = await postStripe(kept, { event: stripe.paymentIntentFailed, timestamp: Math.floor(kept.clock.now().getTime() / 1000) - 301 });
    expect(stale.status).toBe(400);
    const forged = await postStripe(kept, { event: stripe.paymentIntentFailed, secrets: ['whsec_guess'] });
    expect(forged.status).toBe(401);
    expect(await deliveries('stripe')).toEqual([]);
  });

  it('a refund the agent promised is kept when Stripe reports the charge refunded', async () => {
    const ada = await createAgent(kept, { name: 'Ada', role: 'agent' });
    await ingest(kept, contact({ id: 'gus-1', email: 'gus@example.com', at: '2026-12-01T10:00:00Z', text: 'I was charged twice for order B-2003, please refund one.' }));
    const customerId = (await kept.api('GET', '/api/v1/customers?email=gus@example.com')).body.items[0].id;
    const caseId = (await kept.api('GET', `/api/v1/cases?customer_id=${customerId}`)).body.items[0].id;
    const reply = await kept.api('POST', `/api/v1/cases/${caseId}/replies`, { body: 'I am sorry about that. I will refund the double charge to your card by tomorrow.' }, await ada.token());
    expect(reply.status).toBe(201);
    const refunds = async () => (await kept.api('GET', `/api/v1/commitments?customer_id=${customerId}&kind=refund`)).body.items;
    expect(await refunds()).toEqual([expect.objectContaining({ state: 'open' })]);

    // Rotating the signing secret: the old and the new signature are both sent, either is enough.
    expect((await postStripe(kept, { event: stripe.paymentIntentSucceeded, secrets: ['whsec_retired', stripeSecret] })).status).toBe(200);
    // Half an hour later Stripe reports the refund made.
    await kept.api('POST', '/api/v1/clock', { to: '2026-12-01T10:32:00Z' });
    const refunded = { ...stripe.chargePartiallyRefunded, created: Math.floor(kept.clock.now().getTime() / 1000) };
    expect((await postStripe(kept, { event: refunded })).body).toEqual({ received: true, id: expect.any(String) });
    expect((await postStripe(kept, { event: refunded })).body).toEqual({ received: true, duplicate: true });
    await kept.connectors.idle();
    expect(await refunds()).toEqual([expect.objectContaining({ state: 'kept', fulfilled_by: 'event:stripe:charge:ch_3QpF03:refunded:5000' })]);
    expect((await kept.api('GET', '/api/v1/orders/B-2003')).body).toMatchObject({ state: 'refunded', facts: { refund: { amount_minor: 5000, currency: 'JPY', to_last4: '4444' } } });
    // Stripe's customer id and the card's phone are now identities of the same customer as the e-mail.
    const identities = (await kept.api('GET', `/api/v1/customers/${customerId}`)).body.identities.map((identity: { kind: string; value: string }) => `${identity.kind}:${identity.value}`);
    expect(identities.sort()).toEqual(['email:gus@example.com', 'external_id:stripe:cus_R9kT2', 'phone:+4915112345678']);
    expect((await deliveries('stripe')).map((d) => d.status)).toEqual(['ingested', 'ignored']);
  });
});
