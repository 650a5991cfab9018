// The order as the API shows it (toOrderView).
import { z } from 'zod';
import { timeText } from '../../http/responses.js';

export const orderViewSchema = z
  .object({
    id: z.string(),
    number: z.string(),
    customer_id: z.string().nullable(),
    state: z.string(),
    reason_code: z.string().nullable(),
    items: z.array(z.unknown()),
    total: z.object({ amount_minor: z.number().int(), currency: z.string(), formatted: z.string() }).nullable(),
    payment: z.object({ method: z.string().nullable(), last4: z.string().nullable() }),
    ship_to: z.record(z.string(), z.unknown()).nullable(),
    is_gift: z.boolean(),
    recipient_email: z.string().nullable(),
    gift_contact_consent: z.boolean(),
    promised_by: timeText.nullable(),
    carrier: z.string().nullable(),
    tracking_number: z.string().nullable(),
    facts: z.record(z.string(), z.unknown()),
    placed_at: timeText.nullable(),
    history: z.array(z.object({ state: z.string(), reason_code: z.string().nullable(), event_id: z.string(), at: timeText })),
  })
  .meta({ id: 'Order' });
