// POST /api/v1/cases/{id}/calls: an agent logs a phone call on a case.
import { z } from 'zod';
import { principalOf } from '../../http/auth.js';
import { declareResponses } from '../../http/responses.js';
import type { App } from '../../http/route-types.js';
import type { CallService } from './call.service.js';

export const callBodySchema = z.object({
  direction: z.enum(['inbound', 'outbound']),
  summary: z.string().trim().min(1).max(20_000),
});

export function registerCallRoutes(app: App, deps: { calls: CallService }): void {
  app.post(
    '/api/v1/cases/:id/calls',
    {
      config: { auth: 'agent' },
      schema: {
        operationId: 'logCall',
        tags: ['cases'],
        summary: 'Log a phone call on a case',
        response: declareResponses({ 201: z.object({ event_id: z.string(), case_id: z.string() }) }),
        params: z.object({ id: z.string().min(1) }),
        body: callBodySchema,
      },
    },
    async (request, reply) => {
      const logged = await deps.calls.logCall({ caseId: request.params.id, direction: request.body.direction, summary: request.body.summary, agentId: principalOf(request).agentId ?? null });
      return reply.status(201).send(logged);
    },
  );
}
