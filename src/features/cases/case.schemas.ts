// The case as the API shows it (SPEC §3): the list's summaries, the case JSON and its messages.
import { z } from 'zod';
import { timeText } from '../../http/responses.js';
import { commitmentViewSchema } from '../commitments/commitment.schemas.js';

export const caseStates = ['open', 'pending', 'resolved'] as const;

export const messageViewSchema = z
  .object({
    id: z.string(),
    direction: z.enum(['in', 'out']),
    channel: z.string(),
    author_kind: z.enum(['customer', 'agent', 'automatic', 'external']),
    author_id: z.string().nullable(),
    subject: z.string().nullable(),
    body: z.string(),
    thread_ref: z.string().nullable(),
    order_numbers: z.array(z.string()),
    noise: z.string().nullable().meta({ description: 'Why a message is noise (auto-reply, bounce…), or null' }),
    status: z.string(),
    at: timeText,
  })
  .meta({ id: 'Message' });

const riskSignalSchema = z.object({ code: z.string(), detail: z.string(), weight: z.number() });

/** What the list and the case JSON both say of a case. */
const caseCore = {
  id: z.string(),
  number: z.number().int(),
  token: z.string().meta({ description: 'The case number as customers see it' }),
  customer_id: z.string(),
  state: z.enum(caseStates),
  owner_id: z.string().nullable(),
  subject: z.string(),
  channels: z.array(z.string()),
  order_number: z.string().nullable(),
};

export const caseSummarySchema = z
  .object({
    ...caseCore,
    customer_name: z.string().nullable(),
    owner_name: z.string().nullable(),
    next_due_at: timeText.nullable(),
    risk: z.object({ score: z.number() }),
    escalated: z.boolean(),
    queue: z.string().nullable(),
    updated_at: timeText,
  })
  .meta({ id: 'CaseSummary' });

export const casePageSchema = z.object({ items: z.array(caseSummarySchema), next_cursor: z.string().nullable().meta({ description: 'Pass as ?cursor= for the next page; null on the last' }) });

export const caseDocumentSchema = z.looseObject({
  id: z.string(),
  kind: z.string(),
  state: z.enum(['requested', 'received', 'accepted', 'rejected']),
  requested_at: timeText.nullable(),
  received_at: timeText.nullable(),
});

export const caseAttachmentSchema = z.object({
  id: z.string(),
  message_id: z.string(),
  filename: z.string(),
  content_type: z.string(),
  size: z.number().meta({ description: 'Bytes' }),
  stored: z.boolean().meta({ description: 'False when the file was over the size cap: its name and size were kept, not its bytes' }),
  created_at: timeText,
});

export const caseViewSchema = z
  .looseObject({
    ...caseCore,
    kind: z.string(),
    queue: z.string().nullable(),
    escalated: z.boolean(),
    flagged: z.boolean(),
    risk: z.object({ score: z.number(), signals: z.array(riskSignalSchema) }),
    messages: z.array(messageViewSchema),
    commitments: z.array(commitmentViewSchema),
    documents: z.array(caseDocumentSchema).meta({ description: 'Documents of a claim (SPEC §3)' }),
    attachments: z.array(caseAttachmentSchema).optional().meta({ description: 'Files customers sent with their email, oldest first; served at /api/v1/attachments/{id}' }),
    status_url: z.string(),
    created_at: timeText,
    updated_at: timeText,
    resolved_at: timeText.nullable(),
  })
  .meta({ id: 'Case', description: 'Other features add parts (notes, …): fields may be added, none renamed' });
