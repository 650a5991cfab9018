// Shopify webhooks → Kept events (docs/connectors.md has the table). Event ids come from Shopify's own ids,
// so a redelivery, or the same change told by two topics (orders/fulfilled and fulfillments/create), is one event.
import type { EventInput } from '../events/event.schemas.js';
import { headerOf, keptHeaders, MappingError, parseJsonBody, safeMap, type Connector, type MapOutcome, type MappingContext, type OrderAlias, type StoredDelivery, type Verdict } from './connector.js';
import { amountText, arrayAt, defined, isoAt, last4Of, nameOf, objectAt, requiredText, textAt, type Json } from './payload.js';
import { verifyBase64Sha256 } from './signatures.js';

/** Shopify's `cancel_reason` → the reason catalog. */
export const shopifyCancelReasons: Readonly<Record<string, string>> = {
  customer: 'customer_request',
  fraud: 'fraud_suspected',
  inventory: 'out_of_stock',
  declined: 'payment_verification_failed',
  other: 'shop_decision',
  staff: 'shop_decision',
};

/** A fulfillment's `shipment_status` (or a fulfillment event's `status`) → the Kept event and its reason. */
export const shopifyShipmentStatuses: Readonly<Record<string, { type: string; reason?: string }>> = {
  label_printed: { type: 'order.shipped' },
  label_purchased: { type: 'order.shipped' },
  confirmed: { type: 'order.shipped' },
  carrier_picked_up: { type: 'order.shipped' },
  picked_up: { type: 'order.shipped' },
  in_transit: { type: 'order.shipped' },
  out_for_delivery: { type: 'order.shipped' },
  ready_for_pickup: { type: 'order.shipped' },
  delayed: { type: 'order.delayed', reason: 'carrier_delay' },
  attempted_delivery: { type: 'order.delivery_exception', reason: 'delivery_attempted' },
  failure: { type: 'order.delivery_exception', reason: 'delivery_problem' },
  delivered: { type: 'order.delivered' },
};

const storedHeaders = ['x-shopify-topic', 'x-shopify-shop-domain', 'x-shopify-webhook-id', 'x-shopify-triggered-at', 'x-shopify-event-id', 'x-shopify-api-version'];

/** Shopify's order name ("#1001") as Kept's order number ("1001"): what the customer reads and writes. */
export function shopifyOrderNumber(name: string): string {
  return name.replace(/^#/, '').trim();
}

function customerOf(order: Json, shop: string): EventInput['customer'] {
  const customer = objectAt(order, 'customer');
  const customerId = textAt(customer, 'id');
  return defined({
    email: textAt(order, 'email') ?? textAt(order, 'contact_email') ?? textAt(customer, 'email'),
    phone: textAt(customer, 'phone') ?? textAt(order, 'phone') ?? textAt(objectAt(order, 'billing_address'), 'phone'),
    external_id: customerId ? `shopify:${shop}:${customerId}` : undefined,
    name: nameOf(customer) ?? nameOf(objectAt(order, 'billing_address')),
  });
}

function attributeValue(order: Json, pattern: RegExp): string | undefined {
  const attribute = arrayAt(order, 'note_attributes').find((entry) => pattern.test(textAt(entry, 'name') ?? ''));
  return textAt(attribute, 'value');
}

/** A gift: shipped to someone else by name, with a gift note or a gift attribute on the order. */
export function isShopifyGift(order: Json): boolean {
  const shipping = nameOf(objectAt(order, 'shipping_address'))?.toLowerCase();
  const buyer = (nameOf(objectAt(order, 'billing_address')) ?? nameOf(objectAt(order, 'customer')))?.toLowerCase();
  const differentName = Boolean(shipping && buyer && shipping !== buyer);
  const giftNote = /\bgift\b/i.test(textAt(order, 'note') ?? '') || attributeValue(order, /gift/i) !== undefined;
  return differentName && giftNote;
}

function orderRefOf(order: Json): NonNullable<EventInput['order']> {
  const money = objectAt(objectAt(order, 'total_price_set'), 'presentment_money');
  const amount = amountText(textAt(money, 'amount')) ?? amountText(textAt(order, 'total_price'));
  const currency = textAt(money, 'currency_code') ?? textAt(order, 'presentment_currency') ?? textAt(order, 'currency');
  const details = objectAt(order, 'payment_details');
  const shipping = objectAt(order, 'shipping_address');
  const gift = isShopifyGift(order);
  const recipient = attributeValue(order, /recipient.?e-?mail|gift.?e-?mail/i);
  return defined({
    id: shopifyOrderNumber(requiredText(order, 'name', 'the order')),
    items: arrayAt(order, 'line_items').map((line) =>
      defined({ sku: textAt(line, 'sku'), name: textAt(line, 'title') ?? textAt(line, 'name'), quantity: line['quantity'], price: textAt(line, 'price') }),
    ),
    total: amount && currency ? { amount, currency } : undefined,
    payment: defined({ method: textAt(details, 'credit_card_company') ?? gatewayOf(order), last4: last4Of(textAt(details, 'credit_card_number')) }),
    ship_to: shipping
      ? defined({
          name: nameOf(shipping),
          address: defined({
            address1: textAt(shipping, 'address1'),
            address2: textAt(shipping, 'address2'),
            city: textAt(shipping, 'city'),
            zip: textAt(shipping, 'zip'),
            country_code: textAt(shipping, 'country_code'),
          }),
          is_gift: gift,
          recipient_email: gift && recipient && /^[^@\s]+@[^@\s]+$/.test(recipient) ? recipient : undefined,
        })
      : undefined,
  });
}

function gatewayOf(order: Json): string | undefined {
  const names = order['payment_gateway_names'];
  return Array.isArray(names) && typeof names[0] === 'string' ? names[0] : undefined;
}

async function orderNumberFor(options: { platformOrderId: string | undefined; fallbackName?: string | undefined; context: MappingContext }): Promise<string> {
  const { platformOrderId, fallbackName, context } = options;
  if (!platformOrderId) throw new MappingError('the payload names no order_id');
  const known = await context.orderNumberOf(platformOrderId);
  if (known) return known;
  // A fulfillment's name is its order's name with ".1", ".2"…; other payloads must wait for the order.
  if (fallbackName) return shopifyOrderNumber(fallbackName.replace(/\.\d+$/, ''));
  throw new MappingError(`Shopify order ${platformOrderId} has not been seen yet; this delivery is mapped when it arrives`, platformOrderId);
}

function fulfillmentEvents(options: { fulfillment: Json; orderNumber: string; prefix: string; status?: string | undefined; at?: string | undefined; eventKey?: string | undefined }): EventInput[] {
  const { fulfillment, orderNumber, prefix } = options;
  const id = requiredText(fulfillment, 'id', 'the fulfillment');
  if (['cancelled', 'error', 'failure'].includes(textAt(fulfillment, 'status') ?? '')) return [];
  const shippedAt = isoAt(fulfillment, 'created_at') ?? isoAt(fulfillment, 'updated_at');
  if (!shippedAt) throw new MappingError(`fulfillment ${id} has no created_at`);
  const tracking = defined({
    carrier: textAt(fulfillment, 'tracking_company'),
    tracking_number: textAt(fulfillment, 'tracking_number') ?? (Array.isArray(fulfillment['tracking_numbers']) ? String(fulfillment['tracking_numbers'][0] ?? '') || undefined : undefined),
  });
  const events: EventInput[] = [{ id: `${prefix}:fulfillment:${id}:shipped`, type: 'order.shipped', occurred_at: shippedAt, order: { id: orderNumber }, data: tracking }];
  const status = options.status ?? textAt(fulfillment, 'shipment_status');
  const mapped = status ? shopifyShipmentStatuses[status] : undefined;
  if (status && mapped && mapped.type !== 'order.shipped') {
    const at = options.at ?? isoAt(fulfillment, 'updated_at') ?? shippedAt;
    const eta = isoAt(fulfillment, 'estimated_delivery_at');
    events.push({
      id: options.eventKey ?? `${prefix}:fulfillment:${id}:${status}`,
      type: mapped.type,
      occurred_at: at,
      order: { id: orderNumber },
      data: defined({ reason: mapped.reason, new_eta: mapped.type === 'order.delayed' ? eta : undefined, shipment_status: status }),
    });
  }
  return events;
}

async function mapShopify(delivery: StoredDelivery, context: MappingContext): Promise<MapOutcome> {
  const shop = delivery.headers['x-shopify-shop-domain'] ?? 'shop';
  const prefix = `shopify:${shop}`;
  const topic = delivery.topic ?? '';
  const body = parseJsonBody(delivery.body);
  const aliases: OrderAlias[] = [];
  const events: EventInput[] = [];
  if (topic.startsWith('orders/') && topic !== 'orders/edited' && topic !== 'orders/delete') {
    const orderId = requiredText(body, 'id', 'the order');
    const placedAt = isoAt(body, 'created_at');
    const updatedAt = isoAt(body, 'updated_at') ?? placedAt;
    if (!placedAt || !updatedAt) throw new MappingError('the order has no created_at');
    const snapshot = orderRefOf(body);
    // Each orders/* payload is the whole order at updated_at: one older than what Kept has read tells no facts.
    const newest = await context.newestSnapshotOf(orderId);
    const order = newest && new Date(updatedAt) < newest ? { id: snapshot.id } : snapshot;
    aliases.push({ platformOrderId: orderId, orderNumber: snapshot.id, snapshotAt: updatedAt });
    const customer = customerOf(body, shop);
    const base = { customer, order };
    if (topic === 'orders/create' || topic === 'orders/paid')
      events.push({
        id: `${prefix}:order:${orderId}:placed`,
        type: 'order.placed',
        occurred_at: placedAt,
        ...base,
        data: defined({ financial_status: textAt(body, 'financial_status'), note: textAt(body, 'note') }),
      });
    else if (topic === 'orders/updated')
      events.push({
        id: `${prefix}:order:${orderId}:updated:${updatedAt}`,
        type: 'order.updated',
        occurred_at: updatedAt,
        ...base,
        data: defined({ financial_status: textAt(body, 'financial_status'), fulfillment_status: textAt(body, 'fulfillment_status') }),
      });
    else if (topic === 'orders/cancelled') {
      const platformReason = textAt(body, 'cancel_reason') ?? 'other';
      const reason = shopifyCancelReasons[platformReason];
      if (!reason) throw new MappingError(`cancel_reason "${platformReason}" is not one Kept maps (${Object.keys(shopifyCancelReasons).join(', ')})`);
      events.push({
        id: `${prefix}:order:${orderId}:cancelled`,
        type: 'order.cancelled',
        occurred_at: isoAt(body, 'cancelled_at') ?? updatedAt,
        ...base,
        data: { reason, platform_reason: platformReason },
      });
    } else if (topic === 'orders/fulfilled' || topic === 'orders/partially_fulfilled') {
      events.push({ id: `${prefix}:order:${orderId}:placed`, type: 'order.placed', occurred_at: placedAt, ...base, data: {} });
      for (const fulfillment of arrayAt(body, 'fulfillments')) events.push(...fulfillmentEvents({ fulfillment, orderNumber: snapshot.id, prefix }));
    } else return { kind: 'ignored', note: `topic ${topic} is not one Kept follows`, aliases };
    return { kind: 'events', events, aliases };
  }
  if (topic === 'orders/edited') {
    const edit = objectAt(body, 'order_edit') ?? body;
    const orderNumber = await orderNumberFor({ platformOrderId: textAt(edit, 'order_id'), context });
    const at = isoAt(edit, 'created_at');
    if (!at) throw new MappingError('the order edit has no created_at');
    const lines = objectAt(edit, 'line_items');
    events.push({
      id: `${prefix}:order_edit:${requiredText(edit, 'id', 'the order edit')}`,
      type: 'order.edited',
      occurred_at: at,
      order: { id: orderNumber },
      data: defined({ additions: lines?.['additions'], removals: lines?.['removals'], staff_note: textAt(edit, 'staff_note') }),
    });
  } else if (topic === 'fulfillments/create' || topic === 'fulfillments/update') {
    const orderNumber = await orderNumberFor({ platformOrderId: textAt(body, 'order_id'), fallbackName: textAt(body, 'name'), context });
    events.push(...fulfillmentEvents({ fulfillment: body, orderNumber, prefix }));
  } else if (topic === 'fulfillment_events/create') {
    const orderNumber = await orderNumberFor({ platformOrderId: textAt(body, 'order_id'), context });
    const status = requiredText(body, 'status', 'the fulfillment event');
    if (!shopifyShipmentStatuses[status]) return { kind: 'ignored', note: `fulfillment event status ${status} is not one Kept follows`, aliases };
    const fulfillment = {
      id: requiredText(body, 'fulfillment_id', 'the fulfillment event'),
      created_at: body['happened_at'] ?? body['created_at'],
      estimated_delivery_at: body['estimated_delivery_at'],
    };
    events.push(
      ...fulfillmentEvents({
        fulfillment,
        orderNumber,
        prefix,
        status,
        at: isoAt(body, 'happened_at') ?? isoAt(body, 'created_at'),
        eventKey: `${prefix}:fulfillment_event:${requiredText(body, 'id', 'the fulfillment event')}`,
      }),
    );
  } else if (topic === 'refunds/create') {
    events.push(await refundEvent({ refund: body, prefix, context }));
  } else if (topic === 'customers/update' || topic === 'customers/create') {
    const id = requiredText(body, 'id', 'the customer');
    const at = isoAt(body, 'updated_at') ?? isoAt(body, 'created_at');
    if (!at) throw new MappingError('the customer has no updated_at');
    const customer = defined({ email: textAt(body, 'email'), phone: textAt(body, 'phone'), external_id: `shopify:${shop}:${id}`, name: nameOf(body) });
    events.push({ id: `${prefix}:customer:${id}:${at}`, type: 'customer.updated', occurred_at: at, customer, data: {} });
  } else return { kind: 'ignored', note: `topic ${topic || '(none)'} is not one Kept follows`, aliases };
  return { kind: 'events', events, aliases };
}

async function refundEvent(options: { refund: Json; prefix: string; context: MappingContext }): Promise<EventInput> {
  const { refund, prefix } = options;
  const orderNumber = await orderNumberFor({ platformOrderId: textAt(refund, 'order_id'), context: options.context });
  const refunded = arrayAt(refund, 'transactions').filter((transaction) => textAt(transaction, 'kind') === 'refund' && (textAt(transaction, 'status') ?? 'success') === 'success');
  if (refunded.length === 0) throw new MappingError('the refund has no successful refund transaction');
  const currency = textAt(refunded[0], 'currency');
  if (!currency) throw new MappingError('the refund transaction has no currency');
  // Cents summed as integers: 0.1 + 0.2 must stay 0.30.
  const cents = refunded.reduce((sum, transaction) => sum + Math.round(Number(amountText(textAt(transaction, 'amount')) ?? '0') * 100), 0);
  const card = refunded.map((transaction) => last4Of(textAt(objectAt(transaction, 'payment_details'), 'credit_card_number'))).find(Boolean);
  const at = isoAt(refund, 'processed_at') ?? isoAt(refund, 'created_at');
  if (!at) throw new MappingError('the refund has no created_at');
  return {
    id: `${prefix}:refund:${requiredText(refund, 'id', 'the refund')}`,
    type: 'refund.issued',
    occurred_at: at,
    order: { id: orderNumber },
    data: defined({ amount: { amount: (cents / 100).toFixed(2), currency }, to: defined({ method: textAt(refunded[0], 'gateway'), last4: card }), note: textAt(refund, 'note') }),
  };
}

export function createShopifyConnector(options: { secret: string | undefined; secretEnv: string }): Connector {
  return {
    name: 'shopify',
    kind: 'shopify',
    configured: Boolean(options.secret),
    secretEnv: options.secretEnv,
    verify(request): Verdict {
      if (!options.secret) return { kind: 'refused', status: 401, detail: `the Shopify webhook is not configured: set ${options.secretEnv}` };
      if (!verifyBase64Sha256({ secret: options.secret, body: request.body, signature: headerOf(request, 'x-shopify-hmac-sha256') }))
        return { kind: 'refused', status: 401, detail: 'X-Shopify-Hmac-Sha256 is missing or does not match the body' };
      const deliveryId = headerOf(request, 'x-shopify-webhook-id');
      if (!deliveryId) return { kind: 'refused', status: 400, detail: 'X-Shopify-Webhook-Id is missing' };
      return { kind: 'delivery', deliveryId, topic: headerOf(request, 'x-shopify-topic') ?? null, headers: keptHeaders(request, storedHeaders) };
    },
    map: (delivery, context) => safeMap(() => mapShopify(delivery, context)),
  };
}
