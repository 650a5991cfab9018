// The outbox entry and templates as the API shows them (toOutboxView, listTemplates, previewTemplate).
import { z } from 'zod';
import { findingSchema, timeText } from '../../http/responses.js';

export const auditSchema = z.object({ ok: z.boolean(), findings: z.array(findingSchema) });

export const outboxEntrySchema = z
  .object({
    id: z.string(),
    channel: z.string(),
    to: z.string(),
    subject: z.string().nullable(),
    body: z.string(),
    reason_code: z.string().nullable(),
    status: z.enum(['queued', 'sent', 'held', 'failed', 'cancelled']),
    audit: auditSchema,
    case_id: z.string().nullable(),
    customer_id: z.string().nullable(),
    order_number: z.string().nullable(),
    origin: z.string(),
    override: z.object({ by: z.string(), codes: z.array(z.string()), note: z.string(), at: timeText }).nullable(),
    author_id: z.string().nullable(),
    promises: z.array(z.looseObject({})).meta({ description: 'The promises the message made and the commitments that owe them' }),
    commitment_ids: z.array(z.string()),
    attempts: z.number().int(),
    last_error: z.string().nullable(),
    created_at: timeText,
    sent_at: timeText.nullable(),
  })
  .meta({ id: 'OutboxEntry' });

export const templateSummarySchema = z
  .looseObject({
    id: z.string(),
    name: z.string(),
    event: z.string(),
    channel: z.string(),
    subject: z.string().nullable(),
    text: z.string(),
    max_segments: z.number().nullable(),
    vars: z.array(z.object({ name: z.string(), kind: z.string() })),
  })
  .meta({ id: 'Template', description: 'Also the promises the template makes, as read at start' });

export const templatePreviewResultSchema = z.object({
  template: z.string(),
  channel: z.string(),
  subject: z.string().nullable(),
  text: z.string(),
  html: z.string().nullable(),
  sms: z.object({ segments: z.number(), characters: z.number(), encoding: z.string(), within_limit: z.boolean() }).nullable(),
  reason_code: z.string().nullable(),
  vars_used: z.array(z.string()),
  findings: z.array(findingSchema),
  audit: auditSchema,
});
