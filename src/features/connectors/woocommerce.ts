// WooCommerce webhooks → Kept events (docs/connectors.md has the table). An order's status is read from the
// payload of order.created / order.updated; each status an order enters is one event (keyed by order and
// status), and each refund in the order's `refunds` is one refund.issued (keyed by the refund's id).
import type { EventInput } from '../events/event.schemas.js';
import { headerOf, keptHeaders, MappingError, parseJsonBody, safeMap, type Connector, type MapOutcome, type MappingContext, type StoredDelivery, type Verdict } from './connector.js';
import { amountText, arrayAt, defined, isoAt, nameOf, objectAt, requiredText, textAt, type Json } from './payload.js';
import { verifyBase64Sha256 } from './signatures.js';

/** An order status → the Kept event and its reason; statuses not listed only update the order's facts. */
export const wooStatuses: Readonly<Record<string, { type: string; reason?: string }>> = {
  pending: { type: 'order.placed' },
  processing: { type: 'order.placed' },
  'on-hold': { type: 'order.on_hold' },
  completed: { type: 'order.shipped' },
  cancelled: { type: 'order.cancelled', reason: 'shop_decision' },
  failed: { type: 'order.payment_failed', reason: 'payment_verification_failed' },
  refunded: { type: 'refund.issued' },
};

const storedHeaders = ['x-wc-webhook-source', 'x-wc-webhook-topic', 'x-wc-webhook-resource', 'x-wc-webhook-event', 'x-wc-webhook-id', 'x-wc-webhook-delivery-id'];

function siteOf(source: string | undefined): string {
  if (!source) return 'site';
  try {
    return new URL(source).host;
  } catch {
    return source.replace(/[^A-Za-z0-9.-]/g, '') || 'site';
  }
}

function metaValue(order: Json, pattern: RegExp): string | undefined {
  return textAt(
    arrayAt(order, 'meta_data').find((entry) => pattern.test(textAt(entry, 'key') ?? '')),
    'value',
  );
}

function orderRefOf(order: Json): NonNullable<EventInput['order']> {
  const billing = objectAt(order, 'billing');
  const shipping = objectAt(order, 'shipping');
  const shipName = nameOf(shipping);
  const buyerName = nameOf(billing);
  const giftNote = /\bgift\b/i.test(textAt(order, 'customer_note') ?? '') || metaValue(order, /gift/i) !== undefined;
  const isGift = Boolean(shipName && buyerName && shipName.toLowerCase() !== buyerName.toLowerCase() && giftNote);
  const recipient = metaValue(order, /recipient.?e-?mail|gift.?e-?mail/i);
  const amount = amountText(textAt(order, 'total'));
  const currency = textAt(order, 'currency');
  const last4 = metaValue(order, /last_?4|last_?four/i);
  return defined({
    id: textAt(order, 'number') ?? requiredText(order, 'id', 'the order'),
    items: arrayAt(order, 'line_items').map((line) =>
      defined({ sku: textAt(line, 'sku'), name: textAt(line, 'name'), quantity: line['quantity'], price: textAt(line, 'price') ?? textAt(line, 'total') }),
    ),
    total: amount && currency ? { amount, currency } : undefined,
    payment: defined({ method: textAt(order, 'payment_method_title') ?? textAt(order, 'payment_method'), last4: last4 && /^\d{4}$/.test(last4) ? last4 : undefined }),
    ship_to: shipName
      ? defined({
          name: shipName,
          address: defined({
            address1: textAt(shipping, 'address_1'),
            address2: textAt(shipping, 'address_2'),
            city: textAt(shipping, 'city'),
            zip: textAt(shipping, 'postcode'),
            country_code: textAt(shipping, 'country'),
          }),
          is_gift: isGift,
          recipient_email: isGift && recipient && /^[^@\s]+@[^@\s]+$/.test(recipient) ? recipient : undefined,
        })
      : undefined,
  });
}

function customerOf(order: Json, site: string): EventInput['customer'] {
  const billing = objectAt(order, 'billing');
  const customerId = textAt(order, 'customer_id');
  return defined({
    email: textAt(billing, 'email'),
    phone: textAt(billing, 'phone'),
    // 0 is a guest checkout: no account to link.
    external_id: customerId && customerId !== '0' ? `woocommerce:${site}:${customerId}` : undefined,
    name: nameOf(billing),
  });
}

async function mapWoo(delivery: StoredDelivery, context: MappingContext): Promise<MapOutcome> {
  const site = siteOf(delivery.headers['x-wc-webhook-source']);
  const prefix = `woocommerce:${site}`;
  const topic = delivery.topic ?? '';
  if (topic !== 'order.created' && topic !== 'order.updated' && topic !== 'order.restored') return { kind: 'ignored', note: `topic ${topic || '(none)'} is not one Kept follows`, aliases: [] };
  const body = parseJsonBody(delivery.body);
  const orderId = requiredText(body, 'id', 'the order');
  const customer = customerOf(body, site);
  const createdAt = isoAt(body, 'date_created_gmt') ?? isoAt(body, 'date_created');
  const modifiedAt = isoAt(body, 'date_modified_gmt') ?? isoAt(body, 'date_modified') ?? createdAt;
  if (!createdAt || !modifiedAt) throw new MappingError('the order has no date_created_gmt');
  const snapshot = orderRefOf(body);
  // Each payload is the whole order at date_modified_gmt: one older than what Kept has read tells no facts.
  const newest = await context.newestSnapshotOf(orderId);
  const order = newest && new Date(modifiedAt) < newest ? { id: snapshot.id } : snapshot;
  const status = requiredText(body, 'status', 'the order');
  const mapped = wooStatuses[status];
  const events: EventInput[] = [];
  const note = textAt(body, 'customer_note');
  const refunds = arrayAt(body, 'refunds');
  if (!mapped) {
    events.push({ id: `${prefix}:order:${orderId}:updated:${modifiedAt}`, type: 'order.updated', occurred_at: modifiedAt, customer, order, data: defined({ status, note }) });
  } else if (mapped.type === 'refund.issued' && refunds.length === 0) {
    // Refunded in full with no refund listed: the order's total is what went back.
    if (!snapshot.total) throw new MappingError('the refunded order has no total');
    events.push({ id: `${prefix}:order:${orderId}:status:refunded`, type: 'refund.issued', occurred_at: modifiedAt, customer, order, data: defined({ amount: snapshot.total, to: snapshot.payment }) });
  } else if (mapped.type !== 'refund.issued') {
    const at = mapped.type === 'order.placed' ? createdAt : modifiedAt;
    events.push({
      id: `${prefix}:order:${orderId}:status:${mapped.type === 'order.placed' ? 'placed' : status}`,
      type: mapped.type,
      occurred_at: at,
      customer,
      order,
      data: defined({ reason: mapped.reason, status, note }),
    });
  }
  for (const refund of refunds) {
    const amount = amountText(textAt(refund, 'total'));
    if (!amount || !snapshot.total) throw new MappingError(`refund ${textAt(refund, 'id') ?? '?'} has no total or the order no currency`);
    events.push({
      id: `${prefix}:refund:${requiredText(refund, 'id', 'a refund')}`,
      type: 'refund.issued',
      occurred_at: modifiedAt,
      customer,
      order: { id: order.id },
      data: defined({ amount: { amount, currency: snapshot.total.currency }, to: snapshot.payment, note: textAt(refund, 'reason') }),
    });
  }
  return { kind: 'events', events, aliases: [{ platformOrderId: orderId, orderNumber: snapshot.id, snapshotAt: modifiedAt }] };
}

export function createWooCommerceConnector(options: { secret: string | undefined; secretEnv: string }): Connector {
  return {
    name: 'woocommerce',
    kind: 'woocommerce',
    configured: Boolean(options.secret),
    secretEnv: options.secretEnv,
    verify(request): Verdict {
      // WooCommerce checks a new webhook's URL with an unsigned `webhook_id=<n>` form post and wants a 200.
      if (!headerOf(request, 'x-wc-webhook-signature') && request.contentType.startsWith('application/x-www-form-urlencoded') && /^webhook_id=\d{1,20}$/.test(request.body.toString('utf8').trim()))
        return { kind: 'ping' };
      if (!options.secret) return { kind: 'refused', status: 401, detail: `the WooCommerce webhook is not configured: set ${options.secretEnv}` };
      if (!verifyBase64Sha256({ secret: options.secret, body: request.body, signature: headerOf(request, 'x-wc-webhook-signature') }))
        return { kind: 'refused', status: 401, detail: 'X-WC-Webhook-Signature is missing or does not match the body' };
      const deliveryId = headerOf(request, 'x-wc-webhook-delivery-id');
      if (!deliveryId) return { kind: 'refused', status: 400, detail: 'X-WC-Webhook-Delivery-ID is missing' };
      return { kind: 'delivery', deliveryId, topic: headerOf(request, 'x-wc-webhook-topic') ?? null, headers: keptHeaders(request, storedHeaders) };
    },
    map: (delivery, context) => safeMap(() => mapWoo(delivery, context)),
  };
}
