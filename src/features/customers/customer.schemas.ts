// Customers and their timeline as the API shows them (CustomerView, TimelineItem).
import { z } from 'zod';
import { timeText } from '../../http/responses.js';
import { orderViewSchema } from '../orders/order.schemas.js';

export const customerViewSchema = z
  .object({
    id: z.string(),
    name: z.string().nullable(),
    time_zone: z.string().nullable(),
    created_at: timeText,
    identities: z.array(z.object({ kind: z.string(), value: z.string(), linked_at: timeText })),
    merged: z.array(z.object({ customer_id: z.string(), cause: z.string(), event_id: z.string().nullable(), at: timeText })),
  })
  .meta({ id: 'Customer' });

/** `GET /customers/{id}`: the customer with their orders and what they spent, per currency in minor units. */
export const customerDetailSchema = customerViewSchema
  .extend({
    orders: z.array(orderViewSchema),
    value: z.object({ order_count: z.number().int(), spend_minor: z.record(z.string(), z.number()) }),
  })
  .meta({ id: 'CustomerDetail' });

export const timelineItemSchema = z
  .looseObject({
    at: timeText,
    type: z.enum(['event', 'message_in', 'message_out', 'commitment_opened', 'commitment_kept', 'commitment_breached', 'commitment_waived', 'commitment_corrected', 'commitment_dismissed']),
  })
  .meta({ id: 'TimelineItem', description: 'The fields after at and type depend on the type (event_type, channel, body, kind, due_at…)' });

export const timelineSchema = z.object({ customer_id: z.string(), items: z.array(timelineItemSchema) });
