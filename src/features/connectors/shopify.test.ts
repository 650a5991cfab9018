// Shopify payloads (written from Shopify's documented shapes) become the Kept events a shop would expect.
import { describe, expect, it } from 'vitest';
import * as fixtures from '../../../test/fixtures/connectors/shopify.js';
import type { MapOutcome, MappingContext } from './connector.js';
import { createShopifyConnector } from './shopify.js';

const connector = createShopifyConnector({ secret: 'secret', secretEnv: 'KEPT_SHOPIFY_WEBHOOK_SECRET' });
const known = new Map([['450789469', '1001']]);
const context: MappingContext = { orderNumberOf: async (id) => known.get(id), newestSnapshotOf: async () => undefined };

function map(topic: string, payload: unknown, lookup: MappingContext = context): Promise<MapOutcome> {
  return connector.map({ deliveryId: 'w-1', topic, headers: { 'x-shopify-shop-domain': fixtures.shopifyShop }, body: JSON.stringify(payload) }, lookup);
}

async function eventsOf(topic: string, payload: unknown) {
  const outcome = await map(topic, payload);
  if (outcome.kind !== 'events') throw new Error(`expected events, got ${JSON.stringify(outcome)}`);
  return outcome.events;
}

describe('Shopify orders', () => {
  it('reads a gift order: the buyer is the customer, the recipient is on ship_to, the card is Visa 4242', async () => {
    const [placed] = await eventsOf('orders/create', fixtures.giftOrder);
    expect(placed).toMatchObject({
      id: 'shopify:kept-demo.myshopify.com:order:450789469:placed',
      type: 'order.placed',
      occurred_at: '2026-12-01T09:58:00.000Z',
      customer: { email: 'ana@example.com', phone: '+15551234567', external_id: 'shopify:kept-demo.myshopify.com:207119551', name: 'Ana Silva' },
      order: { id: '1001', total: { amount: '59.90', currency: 'EUR' }, payment: { method: 'Visa', last4: '4242' }, ship_to: { name: 'Bea Costa', is_gift: true, recipient_email: 'bea@example.com' } },
    });
  });

  it('a different shipping name without a gift note is not a gift', async () => {
    const [placed] = await eventsOf('orders/create', fixtures.officeOrder);
    expect(placed!.order!.ship_to).toMatchObject({ name: 'Acme Reception', is_gift: false });
    expect(placed!.order!.ship_to!.recipient_email).toBeUndefined();
  });

  it('takes the amount the customer paid in their own currency', async () => {
    const [placed] = await eventsOf('orders/create', fixtures.multiCurrencyOrder);
    expect(placed!.order!.total).toEqual({ amount: '135.20', currency: 'CAD' });
  });

  it('orders/paid is the same placement as orders/create (one event id), orders/updated a dated fact', async () => {
    const [paid] = await eventsOf('orders/paid', fixtures.giftOrder);
    expect(paid!.id).toBe('shopify:kept-demo.myshopify.com:order:450789469:placed');
    const [updated] = await eventsOf('orders/updated', fixtures.giftOrderUpdated);
    expect(updated).toMatchObject({ id: 'shopify:kept-demo.myshopify.com:order:450789469:updated:2026-12-01T09:59:30.000Z', type: 'order.updated', occurred_at: '2026-12-01T09:59:30.000Z' });
  });

  it.each([
    ['declined', fixtures.declinedCancellation, 'payment_verification_failed', '2026-12-01T10:00:30.000Z'],
    ['inventory', fixtures.inventoryCancellation, 'out_of_stock', '2026-12-01T11:00:00.000Z'],
    ['staff', fixtures.staffCancellation, 'shop_decision', '2026-12-01T11:30:00.000Z'],
  ])('maps cancel_reason %s to the reason catalog, at cancelled_at', async (platformReason, payload, reason, at) => {
    const [cancelled] = await eventsOf('orders/cancelled', payload);
    expect(cancelled).toMatchObject({ type: 'order.cancelled', occurred_at: at, data: { reason, platform_reason: platformReason } });
  });

  it('orders/fulfilled tells each fulfillment as fulfillments/create does (the same event ids), after the placement', async () => {
    const events = await eventsOf('orders/fulfilled', { ...fixtures.giftOrder, fulfillment_status: 'fulfilled', fulfillments: [fixtures.giftFulfillment] });
    expect(events.map((event) => event.id)).toEqual(['shopify:kept-demo.myshopify.com:order:450789469:placed', 'shopify:kept-demo.myshopify.com:fulfillment:255858046:shipped']);
  });

  it('orders/edited names the order by its id and carries the lines added and removed', async () => {
    const edit = {
      order_edit: {
        id: 78912328,
        app_id: null,
        created_at: '2026-12-01T12:00:00+00:00',
        notify_customer: false,
        order_id: 450789469,
        staff_note: 'Swapped colour',
        user_id: 548380009,
        line_items: { additions: [{ id: 1, delta: 1 }], removals: [{ id: 2, delta: 1 }] },
      },
    };
    expect(await eventsOf('orders/edited', edit)).toEqual([
      {
        id: 'shopify:kept-demo.myshopify.com:order_edit:78912328',
        type: 'order.edited',
        occurred_at: '2026-12-01T12:00:00.000Z',
        order: { id: '1001' },
        data: { additions: [{ id: 1, delta: 1 }], removals: [{ id: 2, delta: 1 }], staff_note: 'Swapped colour' },
      },
    ]);
  });

  it('an order snapshot older than one already read tells the order but none of its facts', async () => {
    const newer: MappingContext = { ...context, newestSnapshotOf: async () => new Date('2026-12-01T09:59:30Z') };
    const outcome = await map('orders/create', fixtures.giftOrder, newer);
    expect(outcome.kind === 'events' && outcome.events[0]!.order).toEqual({ id: '1001' });
  });

  it('records the platform order id so refunds and fulfillment events can name the order', async () => {
    const outcome = await map('orders/create', fixtures.multiCurrencyOrder);
    expect(outcome.kind === 'events' && outcome.aliases).toEqual([{ platformOrderId: '450789470', orderNumber: '1002', snapshotAt: '2026-12-01T09:58:05.000Z' }]);
  });
});

describe('Shopify fulfillments', () => {
  it('a new fulfillment is the order shipped, with carrier and tracking number', async () => {
    expect(await eventsOf('fulfillments/create', fixtures.giftFulfillment)).toEqual([
      {
        id: 'shopify:kept-demo.myshopify.com:fulfillment:255858046:shipped',
        type: 'order.shipped',
        occurred_at: '2026-12-02T08:00:00.000Z',
        order: { id: '1001' },
        data: { carrier: 'CTT', tracking_number: 'RR123456785PT' },
      },
    ]);
  });

  it.each([
    [fixtures.giftFulfillmentDelayed, { type: 'order.delayed', data: { reason: 'carrier_delay', new_eta: '2026-12-06T18:00:00.000Z', shipment_status: 'delayed' } }],
    [fixtures.giftFulfillmentDelivered, { type: 'order.delivered', data: { shipment_status: 'delivered' } }],
    [fixtures.giftFulfillmentAttempted, { type: 'order.delivery_exception', data: { reason: 'delivery_attempted', shipment_status: 'attempted_delivery' } }],
  ])('a shipment status update adds its own event after the shipment', async (payload, expected) => {
    const events = await eventsOf('fulfillments/update', payload);
    expect(events.map((event) => event.type)).toEqual(['order.shipped', expected.type]);
    expect(events[1]).toMatchObject({ ...expected, occurred_at: new Date(payload.updated_at).toISOString() });
  });

  it('reads the order from the fulfillment name when the order was not seen yet', async () => {
    const outcome = await map('fulfillments/create', fixtures.giftFulfillment, { orderNumberOf: async () => undefined, newestSnapshotOf: async () => undefined });
    expect(outcome.kind === 'events' && outcome.events[0]!.order).toEqual({ id: '1001' });
  });

  it('a fulfillment event for an order not seen yet waits for it', async () => {
    expect(await map('fulfillment_events/create', fixtures.fulfillmentEventOutForDelivery, { orderNumberOf: async () => undefined, newestSnapshotOf: async () => undefined })).toEqual({
      kind: 'failed',
      error: 'Shopify order 450789469 has not been seen yet; this delivery is mapped when it arrives',
      waitingOn: '450789469',
    });
  });
});

describe('Shopify refunds and customers', () => {
  it('a partial refund is refund.issued for its amount, to the card it went back to', async () => {
    expect(await eventsOf('refunds/create', fixtures.partialRefund)).toEqual([
      {
        id: 'shopify:kept-demo.myshopify.com:refund:509562969',
        type: 'refund.issued',
        occurred_at: '2026-12-05T10:00:00.000Z',
        order: { id: '1001' },
        data: { amount: { amount: '10.00', currency: 'EUR' }, to: { method: 'shopify_payments', last4: '4242' }, note: 'Wrapping was torn' },
      },
    ]);
  });

  it('sums the successful refund transactions in cents and leaves failed ones out', async () => {
    const [refund] = await eventsOf('refunds/create', fixtures.splitRefund);
    expect(refund!.data['amount']).toEqual({ amount: '0.30', currency: 'EUR' });
  });

  it('customers/update links the Shopify customer id with the new phone', async () => {
    const [updated] = await eventsOf('customers/update', fixtures.customerUpdate);
    expect(updated).toMatchObject({
      type: 'customer.updated',
      customer: { email: 'ana@example.com', phone: '+15557654321', external_id: 'shopify:kept-demo.myshopify.com:207119551', name: 'Ana Silva' },
    });
  });

  it('keeps a topic Kept does not follow as ignored, and a body that is not JSON as failed', async () => {
    expect(await map('products/update', { id: 1 })).toMatchObject({ kind: 'ignored' });
    const broken = await connector.map({ deliveryId: 'w-2', topic: 'orders/create', headers: {}, body: '{"id": 1,' }, context);
    expect(broken).toEqual({ kind: 'failed', error: 'the body is not valid JSON' });
  });
});
