// The SPEC §3 event as it appears in a history file: what the generator writes and the audit reads.
import { z } from 'zod';

const handleSchema = z.looseObject({ network: z.string(), id: z.string() });

export const historyCustomerSchema = z.looseObject({
  email: z.string().optional(),
  phone: z.string().optional(),
  handle: handleSchema.optional(),
  external_id: z.string().optional(),
  name: z.string().optional(),
});

/** One event of a history. Only the fields the audit reads are checked; any others pass through. */
export const historyEventSchema = z.looseObject({
  id: z.string().min(1),
  type: z.string().min(1),
  occurred_at: z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'not an ISO 8601 time'),
  customer: historyCustomerSchema.optional(),
  order: z.looseObject({ id: z.string() }).optional(),
  data: z.record(z.string(), z.unknown()).optional(),
});

export type HistoryEvent = z.infer<typeof historyEventSchema>;
export type HistoryCustomer = z.infer<typeof historyCustomerSchema>;

/** Order changes a customer can see and must be told about (SPEC C1). */
export const customerVisibleOrderEvents: ReadonlySet<string> = new Set([
  'order.payment_failed',
  'order.cancelled',
  'order.delayed',
  'order.delivery_exception',
  'refund.issued',
  'tradein.credited',
]);

/** Contact channels of `contact.received` (SPEC §3). */
export const contactChannels = ['web_form', 'social', 'sms', 'chat', 'phone'] as const;
export type ContactChannel = (typeof contactChannels)[number];

/** Kinds of crack the audit reports and the generator can plant. */
export const crackKinds = [
  'silent_state_change',
  'unacknowledged_contact',
  'unanswered_contact',
  'survey_not_followed_up',
  'escalation_unanswered',
  'no_progress',
  'reason_conflict',
] as const;
export type CrackKind = (typeof crackKinds)[number];

/**
 * Customer-facing phrases for the common reason codes: the generator writes the first phrase of a code,
 * the audit recognises any of them. Lower case; matched as substrings of lower-cased message text.
 */
export const defaultReasonPhrases: Readonly<Record<string, readonly string[]>> = {
  payment_verification_failed: ['payment could not be verified', 'discrepancy between your card', 'payment verification'],
  out_of_stock: ['out of stock', 'due to inventory', 'no longer in stock'],
  carrier_delay: ['delayed by the carrier', 'carrier delay', 'backlog at the carrier'],
  weather: ['severe weather', 'due to bad weather', 'weather conditions'],
  address_issue: ['problem with the delivery address', 'address could not be found', 'incomplete address'],
  lost_in_transit: ['lost in transit', 'lost by the carrier'],
  damaged_in_transit: ['damaged in transit', 'arrived damaged'],
  customer_request: ['at your request', 'as you asked'],
};
