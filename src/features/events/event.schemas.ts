// The public event shapes of SPEC §3. One zod schema per shape: validator, TypeScript type and OpenAPI schema.
import { z } from 'zod';

/** Real UTC offsets run from -12:00 to +14:00; the store holds years 1 to 9999. */
function isStorableTime(text: string): boolean {
  const offset = /([+-])(\d{2}):?(\d{2})$/.exec(text);
  if (offset && Number(offset[2]) * 60 + Number(offset[3]) > 14 * 60) return false;
  const year = new Date(text).getUTCFullYear();
  return year >= 1 && year <= 9999;
}

const isoTime = z.iso.datetime({ offset: true }).refine(isStorableTime, 'a time between the years 0001 and 9999, with an offset within ±14:00');
// Amounts become integer minor units: 13 digits before the point keep every amount exact.
const maxAmount = 1e13;
const amount = z.union([
  z.number().finite().min(-maxAmount, 'at most 13 digits before the point').max(maxAmount, 'at most 13 digits before the point'),
  z.string().regex(/^-?\d{1,13}(\.\d{1,6})?$/, 'a decimal amount such as "19.99", at most 13 digits before the point'),
]);

export const moneyInputSchema = z.object({
  amount,
  currency: z.string().regex(/^[A-Za-z]{3}$/, 'an ISO 4217 code such as "USD"'),
});

export const paymentInstrumentSchema = z.object({
  method: z.string().min(1).optional(),
  last4: z
    .string()
    .regex(/^\d{4}$/, 'four digits')
    .optional(),
});

export const customerRefSchema = z
  .object({
    email: z.email().optional(),
    phone: z.string().min(3).max(32).optional(),
    handle: z.object({ network: z.string().min(1).max(40), id: z.string().min(1).max(200) }).optional(),
    external_id: z.string().min(1).max(200).optional(),
    name: z.string().max(200).optional(),
    time_zone: z.string().optional(),
  })
  .meta({ description: 'Any identity of the customer; identities of two known customers link them into one.' });

export const orderRefSchema = z.object({
  id: z.string().min(1).max(100),
  items: z.array(z.record(z.string(), z.unknown())).optional(),
  total: moneyInputSchema.optional(),
  payment: paymentInstrumentSchema.optional(),
  ship_to: z
    .object({
      name: z.string().optional(),
      address: z.unknown().optional(),
      is_gift: z.boolean().optional(),
      recipient_email: z.email().optional(),
      gift_contact_consent: z.boolean().optional(),
    })
    .optional(),
  promised_by: isoTime.optional(),
});

const reason = z.string().min(1).max(100);
const channel = z.enum(['email', 'web_form', 'social', 'sms', 'chat', 'phone']);

/** The `data` schema of each known type; unknown types carry any object. */
export const eventDataSchemas = {
  'order.placed': z.object({}).passthrough(),
  'order.payment_failed': z.object({ reason }).passthrough(),
  'order.cancelled': z.object({ reason }).passthrough(),
  'order.shipped': z.object({ carrier: z.string().optional(), tracking_number: z.string().optional() }).passthrough(),
  'order.delayed': z.object({ reason, new_eta: isoTime.optional() }).passthrough(),
  'order.delivered': z.object({}).passthrough(),
  'order.delivery_exception': z.object({ reason }).passthrough(),
  'refund.issued': z.object({ amount: moneyInputSchema, to: paymentInstrumentSchema.optional() }).passthrough(),
  'tradein.received': z.object({}).passthrough(),
  'tradein.credited': z.object({ amount: moneyInputSchema, to: paymentInstrumentSchema.optional() }).passthrough(),
  'contact.received': z
    .object({
      channel,
      text: z.string().max(200_000),
      subject: z.string().max(1000).optional(),
      thread_ref: z.string().max(500).optional(),
    })
    .passthrough(),
  'survey.responded': z
    .object({
      score: z.number().int().min(0).max(10),
      comment: z.string().max(20_000).optional(),
      contact_requested: z.boolean().optional(),
    })
    .passthrough(),
  'message.sent': z
    .object({
      channel,
      to: z.string().min(1).optional(),
      subject: z.string().optional(),
      text: z.string().max(200_000),
      thread_ref: z.string().optional(),
      author: z.string().optional(),
      /** Files sent with the message (a form, a label, an invoice): they hand the customer a promised document. */
      attachments: z
        .array(z.object({ filename: z.string().min(1), content_type: z.string().optional(), url: z.string().optional() }).passthrough())
        .max(100)
        .optional(),
    })
    .passthrough(),
} as const;

export type KnownEventType = keyof typeof eventDataSchemas;
export const knownEventTypes = Object.keys(eventDataSchemas) as KnownEventType[];

export const eventSchema = z.object({
  id: z.string().min(1).max(200).meta({ description: 'Client-given idempotency key; a repeat is a duplicate.' }),
  type: z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/, 'a dotted type such as "order.cancelled"'),
  occurred_at: isoTime.optional().meta({ description: 'When it happened; without it, the time Kept received the event (and the stored event says so).' }),
  customer: customerRefSchema.optional(),
  order: orderRefSchema.optional(),
  data: z.record(z.string(), z.unknown()).default({}),
});

/** An event as Kept received it: with its time, stated by the source or stamped on receipt. */
export type EventInput = z.infer<typeof eventSchema> & {
  occurred_at: string;
  /** Set when the event came without occurred_at and took the time of receipt. */
  stampedOnReceipt?: boolean;
};

export const eventBatchSchema = z.object({ events: z.array(eventSchema).min(1).max(1000) });
export const eventsBodySchema = z.union([eventBatchSchema, eventSchema]);

export const ingestReplySchema = z.object({ accepted: z.number().int(), duplicates: z.number().int() });

export function isKnownEventType(type: string): type is KnownEventType {
  return Object.hasOwn(eventDataSchemas, type);
}
