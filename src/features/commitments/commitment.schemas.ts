// The commitment as the API shows it (SPEC §3): what toCommitmentView and the case JSON's part write.
import { z } from 'zod';
import { timeText } from '../../http/responses.js';

export const commitmentStates = ['open', 'kept', 'breached', 'waived', 'dismissed'] as const;

export const commitmentViewSchema = z
  .object({
    id: z.string(),
    kind: z.string().meta({ description: 'acknowledge, first_response, follow_up, notify, escalation, resolution, document, callback, refund, update, disclose, provide_info…' }),
    state: z.enum(commitmentStates),
    due_at: timeText,
    owner_id: z.string().nullable(),
    owner_role: z.string().nullable(),
    case_id: z.string().nullable(),
    customer_id: z.string().nullable(),
    order_number: z.string().nullable(),
    policy_id: z.string().nullable(),
    opened_by: z.string().meta({ description: 'The event, message or agent that opened it' }),
    fulfilled_by: z.string().nullable(),
    at_risk: z.boolean(),
    opened_at: timeText,
    closed_at: timeText.nullable(),
    breached_at: timeText.nullable(),
    waived_reason: z.string().nullable(),
    kept_late: z.boolean(),
    reason_code: z.string().nullable(),
    details: z.record(z.string(), z.unknown()).meta({ description: 'A promise in words keeps its words, corrections and dismissal here' }),
  })
  .meta({ id: 'Commitment' });
