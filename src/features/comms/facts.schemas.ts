// The customer's truth a message is audited against: payment instruments, orders, the recorded reason.
// A plain record, so the lead's services can build it from the orders projection and the case.
import { z } from 'zod';
import { reasonCodeSchema } from './reason.schemas.js';

const moneySchema = z.object({ amountMinor: z.number().int(), currency: z.string().regex(/^[A-Z]{3}$/) });
/** A calendar day in the customer's zone. */
const daySchema = z.iso.date();

export const dateKinds = ['placed', 'shipped', 'delivered', 'cancelled', 'refunded', 'credited', 'eta'] as const;
export type DateKind = (typeof dateKinds)[number];

export const orderFactsSchema = z.object({
  number: z.string().min(1),
  /** Every amount that is true of the order: total, refunds, credits, charges. */
  amounts: z.array(moneySchema).default([]),
  dates: z.partialRecord(z.enum(dateKinds), daySchema).default({}),
  tracking_numbers: z.array(z.string().min(1)).default([]),
  /** The reason recorded on the order's last customer-visible change. */
  reason: reasonCodeSchema.optional(),
});

export const customerFactsSchema = z.object({
  instruments: z.array(z.object({ kind: z.enum(['card', 'account']), last4: z.string().regex(/^\d{4}$/) })).default([]),
  orders: z.array(orderFactsSchema).default([]),
  /** The reason recorded on the case; when absent, the orders' reasons are the recorded ones. */
  reason: reasonCodeSchema.optional(),
});

export type OrderFacts = z.infer<typeof orderFactsSchema>;
export type CustomerFacts = z.infer<typeof customerFactsSchema>;
export type CustomerFactsInput = z.input<typeof customerFactsSchema>;
