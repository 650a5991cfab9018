// WooCommerce orders and Stripe events (written from their documented shapes) become the Kept events a shop expects.
import { describe, expect, it } from 'vitest';
import * as stripe from '../../../test/fixtures/connectors/stripe.js';
import * as woo from '../../../test/fixtures/connectors/woocommerce.js';
import type { Connector, MapOutcome, MappingContext } from './connector.js';
import { createStripeConnector } from './stripe.js';
import { createWooCommerceConnector } from './woocommerce.js';

const wooConnector = createWooCommerceConnector({ secret: 's', secretEnv: 'KEPT_WOOCOMMERCE_WEBHOOK_SECRET' });
const stripeConnector = createStripeConnector({ secret: 's', secretEnv: 'KEPT_STRIPE_WEBHOOK_SECRET' });
const aliases = new Map([['pi_3QpF03', 'B-2003']]);
const context: MappingContext = { orderNumberOf: async (id) => aliases.get(id), newestSnapshotOf: async () => undefined };

async function eventsOf(connector: Connector, topic: string, payload: unknown, headers: Record<string, string> = {}) {
  const outcome: MapOutcome = await connector.map({ deliveryId: 'd-1', topic, headers, body: JSON.stringify(payload) }, context);
  if (outcome.kind !== 'events') throw new Error(`expected events, got ${JSON.stringify(outcome)}`);
  return outcome.events;
}
const wooEvents = (topic: string, payload: unknown) => eventsOf(wooConnector, topic, payload, { 'x-wc-webhook-source': 'https://shop.example.com/' });
const stripeEvents = (payload: { type: string }) => eventsOf(stripeConnector, payload.type, payload);

describe('WooCommerce orders', () => {
  it('a processing order is placed, by the account holder, with the card from the order meta', async () => {
    expect(await wooEvents('order.created', woo.processingOrder)).toEqual([
      {
        id: 'woocommerce:shop.example.com:order:727:status:placed',
        type: 'order.placed',
        occurred_at: '2026-12-01T10:00:00.000Z',
        customer: { email: 'dora@example.com', phone: '+46701234567', external_id: 'woocommerce:shop.example.com:31', name: 'Dora Lind' },
        order: expect.objectContaining({
          id: '727',
          total: { amount: '648.00', currency: 'SEK' },
          payment: { method: 'Credit card (Stripe)', last4: '1881' },
          ship_to: expect.objectContaining({ name: 'Dora Lind', is_gift: false }),
        }),
        data: { status: 'processing' },
      },
    ]);
  });

  it("a guest's gift order has no account to link and keeps the recipient apart", async () => {
    const [placed] = await wooEvents('order.created', woo.guestGiftOrder);
    expect(placed!.customer).toEqual({ email: 'eli@example.com', name: 'Eli Berg' });
    expect(placed!.order!.ship_to).toMatchObject({ name: 'Fia Berg', is_gift: true, recipient_email: 'fia@example.com' });
  });

  it.each([
    [woo.completedOrder, 'order.shipped', undefined],
    [woo.cancelledOrder, 'order.cancelled', 'shop_decision'],
    [woo.failedOrder, 'order.payment_failed', 'payment_verification_failed'],
    [woo.onHoldOrder, 'order.on_hold', undefined],
  ])('reads the status change from the payload (%#)', async (payload, type, reason) => {
    const [event] = await wooEvents('order.updated', payload);
    expect(event).toMatchObject({ id: `woocommerce:shop.example.com:order:${payload.id}:status:${payload.status}`, type, occurred_at: new Date(`${payload.date_modified_gmt}Z`).toISOString() });
    expect(event!.data['reason']).toBe(reason);
  });

  it('each refund listed is one refund.issued, keyed by its id, so a second partial refund adds only itself', async () => {
    const first = await wooEvents('order.updated', woo.partiallyRefundedOrder);
    const second = await wooEvents('order.updated', woo.twiceRefundedOrder);
    expect(first.filter((event) => event.type === 'refund.issued').map((event) => [event.id, event.data['amount']])).toEqual([
      ['woocommerce:shop.example.com:refund:740', { amount: '100.00', currency: 'SEK' }],
    ]);
    expect(second.filter((event) => event.type === 'refund.issued').map((event) => event.id)).toEqual(['woocommerce:shop.example.com:refund:741', 'woocommerce:shop.example.com:refund:740']);
  });

  it('answers the unsigned ping WooCommerce sends when a webhook is created, and nothing else unsigned', () => {
    const ping = (contentType: string, body: string, headers: Record<string, string> = {}) => wooConnector.verify({ headers, body: Buffer.from(body), contentType }, new Date());
    expect(ping('application/x-www-form-urlencoded', 'webhook_id=12')).toEqual({ kind: 'ping' });
    expect(ping('application/json', '{"webhook_id":12}')).toMatchObject({ kind: 'refused', status: 401 });
    expect(ping('application/x-www-form-urlencoded', 'webhook_id=12&status=cancelled')).toMatchObject({ kind: 'refused', status: 401 });
  });
});

describe('Stripe events', () => {
  it('a failed payment is order.payment_failed with the decline mapped to a reason and the card it was', async () => {
    expect(await stripeEvents(stripe.paymentIntentFailed)).toEqual([
      {
        id: 'stripe:evt_1QpF01',
        type: 'order.payment_failed',
        occurred_at: '2026-12-01T10:01:00.000Z',
        customer: { email: 'gus@example.com', phone: '+4915112345678', external_id: 'stripe:cus_R9kT2', name: 'Gus Meyer' },
        order: { id: 'B-2001', payment: { method: 'card (visa)', last4: '0341' } },
        data: { reason: 'payment_verification_failed', decline_code: 'insufficient_funds', payment_reason: 'Your card has insufficient funds.' },
      },
    ]);
    const [stolen] = await stripeEvents(stripe.paymentIntentStolenCard);
    expect(stolen!.data['reason']).toBe('fraud_suspected');
    expect(stolen!.order!.id).toBe('B-2002');
  });

  it('a partial refund in yen, then the rest: each is its own amount, to the card ending 4444, on the order its payment was for', async () => {
    const [first] = await stripeEvents(stripe.chargePartiallyRefunded);
    const [rest] = await stripeEvents(stripe.chargeFullyRefunded);
    expect(first).toMatchObject({
      id: 'stripe:charge:ch_3QpF03:refunded:5000',
      type: 'refund.issued',
      order: { id: 'B-2003' },
      data: { amount: { amount: '5000', currency: 'JPY' }, to: { method: 'card (mastercard)', last4: '4444' } },
    });
    expect(rest).toMatchObject({ id: 'stripe:charge:ch_3QpF03:refunded:12900', data: { amount: { amount: '7900', currency: 'JPY' } } });
  });

  it('a refund listed on the charge is keyed by its own id, in dollars and cents', async () => {
    const [refund] = await stripeEvents(stripe.chargeRefundedWithList);
    expect(refund).toMatchObject({ id: 'stripe:refund:re_3QpF06', order: { id: 'B-2006' }, data: { amount: { amount: '25.99', currency: 'USD' } } });
  });

  it('a failed refund and disputes are told on the timeline under their own types', async () => {
    expect((await stripeEvents(stripe.refundUpdatedFailed)).map((event) => [event.type, event.data])).toEqual([['refund.updated', { status: 'failed', failure_reason: 'expired_or_canceled_card' }]]);
    expect((await stripeEvents(stripe.disputeCreated))[0]).toMatchObject({
      type: 'payment.disputed',
      order: { id: 'B-2003' },
      data: { dispute_reason: 'product_not_received', status: 'needs_response' },
    });
    expect((await stripeEvents(stripe.disputeClosed))[0]).toMatchObject({ type: 'payment.dispute_closed', data: { status: 'won' } });
  });

  it('a payment that succeeded teaches Kept its order, and opens nothing', async () => {
    expect(await stripeConnector.map({ deliveryId: 'd', topic: 'payment_intent.succeeded', headers: {}, body: JSON.stringify(stripe.paymentIntentSucceeded) }, context)).toEqual({
      kind: 'ignored',
      note: 'payment_intent.succeeded only links its payment to its order',
      aliases: [{ platformOrderId: 'pi_3QpF03', orderNumber: 'B-2003' }],
    });
  });
});
