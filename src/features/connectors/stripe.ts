// Stripe events → Kept events (docs/connectors.md has the table). The order is the payment's
// `metadata.order_id` (or order_number), else the order a payment intent was seen with, else the payment
// intent itself; the customer is Stripe's customer id with the email and phone of the payment.
import type { EventInput } from '../events/event.schemas.js';
import { headerOf, MappingError, parseJsonBody, safeMap, type Connector, type MapOutcome, type MappingContext, type OrderAlias, type StoredDelivery, type Verdict } from './connector.js';
import { defined, isoFromUnix, minorToDecimal, objectAt, requiredText, textAt, type Json } from './payload.js';
import { verifyStripeSignature } from './signatures.js';

/** A decline code (or error code) → the reason catalog; any other decline is a payment that could not be verified. */
export const stripeDeclineReasons: Readonly<Record<string, string>> = {
  fraudulent: 'fraud_suspected',
  lost_card: 'fraud_suspected',
  stolen_card: 'fraud_suspected',
  pickup_card: 'fraud_suspected',
  merchant_blacklist: 'fraud_suspected',
};
export const stripeDefaultDeclineReason = 'payment_verification_failed';

export const stripeToleranceSeconds = 300;

function idOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value || undefined;
  return textAt(value, 'id');
}

function customerOf(object: Json): EventInput['customer'] | undefined {
  const billing = objectAt(object, 'billing_details') ?? objectAt(objectAt(objectAt(object, 'last_payment_error'), 'payment_method'), 'billing_details');
  const customerId = idOf(object['customer']);
  const customer = defined({
    email: textAt(object, 'receipt_email') ?? textAt(billing, 'email') ?? textAt(objectAt(object, 'customer_details'), 'email'),
    phone: textAt(billing, 'phone'),
    external_id: customerId ? `stripe:${customerId}` : undefined,
    name: textAt(billing, 'name'),
  });
  return Object.keys(customer).length > 0 ? customer : undefined;
}

async function orderOf(object: Json, context: MappingContext): Promise<{ orderNumber: string; aliases: OrderAlias[] }> {
  const metadata = objectAt(object, 'metadata');
  const intent = idOf(object['payment_intent']) ?? (textAt(object, 'object') === 'payment_intent' ? textAt(object, 'id') : undefined);
  const named = textAt(metadata, 'order_id') ?? textAt(metadata, 'order_number') ?? textAt(metadata, 'order');
  if (named) return { orderNumber: named, aliases: intent ? [{ platformOrderId: intent, orderNumber: named }] : [] };
  const known = intent ? await context.orderNumberOf(intent) : undefined;
  if (known) return { orderNumber: known, aliases: [] };
  const own = intent ?? idOf(object['charge']) ?? textAt(object, 'id');
  if (!own) throw new MappingError('the payment names no order, payment intent or charge');
  return { orderNumber: own, aliases: [] };
}

function cardOf(object: Json): { method?: string; last4?: string } {
  const card = objectAt(objectAt(object, 'payment_method_details'), 'card') ?? objectAt(objectAt(objectAt(object, 'last_payment_error'), 'payment_method'), 'card');
  return defined({ method: card ? `card${textAt(card, 'brand') ? ` (${textAt(card, 'brand')})` : ''}` : undefined, last4: textAt(card, 'last4') });
}

function money(minor: unknown, currency: string | undefined): { amount: string; currency: string } {
  if (typeof minor !== 'number' || !Number.isInteger(minor) || !currency) throw new MappingError('an amount or its currency is missing');
  return { amount: minorToDecimal(minor, currency), currency: currency.toUpperCase() };
}

async function mapStripe(delivery: StoredDelivery, context: MappingContext): Promise<MapOutcome> {
  const event = parseJsonBody(delivery.body);
  const type = requiredText(event, 'type', 'the Stripe event');
  const eventId = requiredText(event, 'id', 'the Stripe event');
  const object = objectAt(objectAt(event, 'data'), 'object');
  if (!object) throw new MappingError('the Stripe event has no data.object');
  const at = isoFromUnix(event['created']);
  if (!at) throw new MappingError('the Stripe event has no created time');
  const customer = customerOf(object);
  const withCustomer = customer ? { customer } : {};
  if (type === 'payment_intent.payment_failed') {
    const { orderNumber, aliases } = await orderOf(object, context);
    const failure = objectAt(object, 'last_payment_error');
    const decline = textAt(failure, 'decline_code') ?? textAt(failure, 'code') ?? 'unknown';
    const card = cardOf(object);
    const events: EventInput[] = [
      {
        id: `stripe:${eventId}`,
        type: 'order.payment_failed',
        occurred_at: at,
        ...withCustomer,
        order: defined({ id: orderNumber, payment: Object.keys(card).length > 0 ? card : undefined }),
        data: defined({ reason: stripeDeclineReasons[decline] ?? stripeDefaultDeclineReason, decline_code: decline, payment_reason: textAt(failure, 'message') }),
      },
    ];
    return { kind: 'events', events, aliases };
  }
  if (type === 'charge.refunded') {
    const { orderNumber, aliases } = await orderOf(object, context);
    const charge = requiredText(object, 'id', 'the charge');
    const refunds = objectAt(object, 'refunds');
    const newest = Array.isArray(refunds?.['data']) ? (refunds['data'][0] as Json | undefined) : undefined;
    const previous = objectAt(objectAt(event, 'data'), 'previous_attributes')?.['amount_refunded'];
    const total = object['amount_refunded'];
    // This refund's amount: the newest refund listed, else the growth of the charge's refunded total.
    const amount = newest ? newest['amount'] : typeof previous === 'number' && typeof total === 'number' ? total - previous : total;
    const key = newest ? `stripe:refund:${requiredText(newest, 'id', 'the refund')}` : `stripe:charge:${charge}:refunded:${String(total)}`;
    const events: EventInput[] = [
      { id: key, type: 'refund.issued', occurred_at: at, ...withCustomer, order: { id: orderNumber }, data: { amount: money(amount, textAt(object, 'currency')), to: cardOf(object) } },
    ];
    return { kind: 'events', events, aliases };
  }
  if (type === 'charge.refund.updated') {
    const status = textAt(object, 'status');
    const { orderNumber, aliases } = await orderOf(object, context);
    if (status !== 'succeeded') {
      return {
        kind: 'events',
        events: [
          {
            id: `stripe:refund:${requiredText(object, 'id', 'the refund')}:${status ?? 'unknown'}`,
            type: 'refund.updated',
            occurred_at: at,
            order: { id: orderNumber },
            data: defined({ status, failure_reason: textAt(object, 'failure_reason') }),
          },
        ],
        aliases,
      };
    }
    return {
      kind: 'events',
      events: [
        {
          id: `stripe:refund:${requiredText(object, 'id', 'the refund')}`,
          type: 'refund.issued',
          occurred_at: at,
          order: { id: orderNumber },
          data: { amount: money(object['amount'], textAt(object, 'currency')), to: { method: 'card' } },
        },
      ],
      aliases,
    };
  }
  if (type === 'charge.dispute.created' || type === 'charge.dispute.closed') {
    const { orderNumber, aliases } = await orderOf(object, context);
    const dispute = requiredText(object, 'id', 'the dispute');
    const kind = type === 'charge.dispute.created' ? 'payment.disputed' : 'payment.dispute_closed';
    return {
      kind: 'events',
      events: [
        {
          id: `stripe:${dispute}:${kind}`,
          type: kind,
          occurred_at: at,
          order: { id: orderNumber },
          data: defined({ dispute_reason: textAt(object, 'reason'), status: textAt(object, 'status'), amount: money(object['amount'], textAt(object, 'currency')) }),
        },
      ],
      aliases,
    };
  }
  if (type.startsWith('payment_intent.')) {
    // Other payment intent events teach Kept which order a payment belongs to, for the refunds and disputes after.
    const { aliases } = await orderOf(object, context);
    return { kind: 'ignored', note: `${type} only links its payment to its order`, aliases };
  }
  return { kind: 'ignored', note: `event type ${type} is not one Kept follows`, aliases: [] };
}

/** The event's id (Stripe's idempotency key: a redelivery carries the same one) and its type. */
function stripeEventHead(body: Buffer): { id: string | undefined; type: string | undefined } {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    return { id: textAt(parsed, 'id'), type: textAt(parsed, 'type') };
  } catch {
    return { id: undefined, type: undefined };
  }
}

export function createStripeConnector(options: { secret: string | undefined; secretEnv: string }): Connector {
  return {
    name: 'stripe',
    kind: 'stripe',
    configured: Boolean(options.secret),
    secretEnv: options.secretEnv,
    verify(request, now): Verdict {
      if (!options.secret) return { kind: 'refused', status: 401, detail: `the Stripe webhook is not configured: set ${options.secretEnv}` };
      const verdict = verifyStripeSignature({ secret: options.secret, body: request.body, header: headerOf(request, 'stripe-signature'), now, toleranceSeconds: stripeToleranceSeconds });
      if (!verdict.ok) return { kind: 'refused', status: verdict.problem === 'stale' ? 400 : 401, detail: verdict.detail };
      const head = stripeEventHead(request.body);
      if (!head.id) return { kind: 'refused', status: 400, detail: 'the body is not a Stripe event with an id' };
      return { kind: 'delivery', deliveryId: head.id, topic: head.type ?? null, headers: {} };
    },
    map: (delivery, context) => safeMap(() => mapStripe(delivery, context)),
  };
}
