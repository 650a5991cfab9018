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
export const customerVisibleOrderEvents: ReadonlySet<string> = new Set(['order.payment_failed', 'order.cancelled', 'order.delayed', 'order.delivery_exception', 'refund.issued', 'tradein.credited']);

/** Contact channels of `contact.received` (SPEC §3). */
export const contactChannels = ['web_form', 'social', 'sms', 'chat', 'phone'] as const;
export type ContactChannel = (typeof contactChannels)[number];

/** Kinds of crack the audit reports and the generator can plant. */
export const crackKinds = ['silent_state_change', 'unacknowledged_contact', 'unanswered_contact', 'survey_not_followed_up', 'escalation_unanswered', 'no_progress', 'reason_conflict'] as const;
export type CrackKind = (typeof crackKinds)[number];
