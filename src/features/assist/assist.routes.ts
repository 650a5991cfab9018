// GET /api/v1/cases/{id}/assist: the identifiers in a case's customer messages explained from the records,
// and a suggested reply the agent may put in the composer.
import { z } from 'zod';
import type { App } from '../../http/route-types.js';
import type { AssistService } from './assist.service.js';

const recordSchema = z.object({ type: z.enum(['order', 'case', 'customer']), id: z.string() }).nullable();
const findingSchema = z.object({ code: z.string(), detail: z.string() });

export const caseAssistSchema = z.object({
  explanations: z.array(
    z.object({
      message_id: z.string(),
      text: z.string().meta({ description: 'The identifier as the customer wrote it' }),
      at: z.number().int().meta({ description: 'Where it starts in the message body' }),
      kind: z.enum(['order_number', 'order_suffix', 'card_last4', 'account_last4', 'tracking_number', 'tracking_suffix', 'amount', 'date', 'phone', 'case_number', 'claim_number', 'unknown']),
      called: z.enum(['card', 'account', 'order', 'tracking', 'phone', 'case']).nullable().meta({ description: 'What the customer called it' }),
      record: recordSchema,
      explanation: z.string(),
    }),
  ),
  suggested_reply: z
    .object({
      body: z.string(),
      facts: z.array(z.object({ kind: z.string(), value: z.string(), record: recordSchema })),
      reason_code: z.string().optional(),
      audit: z.object({ ok: z.boolean(), findings: z.array(findingSchema) }),
    })
    .nullable(),
});

export function registerAssistRoutes(app: App, deps: { assist: AssistService }): void {
  app.get(
    '/api/v1/cases/:id/assist',
    {
      config: { auth: 'agent' },
      schema: {
        operationId: 'getCaseAssist',
        tags: ['cases'],
        summary: "Explains the identifiers in the case's customer messages from the records and suggests a reply (never sent by itself)",
        params: z.object({ id: z.string().min(1) }),
        response: { 200: caseAssistSchema },
      },
    },
    async (request) => deps.assist.assistCase(request.params.id),
  );
}
