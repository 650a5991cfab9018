// GET /api/v1/outbox: every message Kept sent or held, with its audit.
import { z } from 'zod';
import { declareResponses, itemsOf } from '../../http/responses.js';
import type { App } from '../../http/route-types.js';
import { outboxEntrySchema } from './comms.schemas.js';
import type { OutboxService } from './outbox.service.js';

export function registerOutboxRoutes(app: App, deps: { outbox: OutboxService }): void {
  app.get(
    '/api/v1/outbox',
    {
      config: { auth: 'agent' },
      schema: {
        operationId: 'listOutbox',
        summary: 'Messages Kept sent, queued or held, with their audit',
        tags: ['outbox'],
        response: declareResponses({ 200: itemsOf(outboxEntrySchema) }),
        querystring: z.object({
          customer_id: z.string().optional(),
          case_id: z.string().optional(),
          status: z.enum(['queued', 'sent', 'held', 'failed', 'cancelled']).optional(),
          limit: z.coerce.number().int().min(1).max(500).optional(),
        }),
      },
    },
    async (request) => ({ items: await deps.outbox.listOutbox({ customerId: request.query.customer_id, caseId: request.query.case_id, status: request.query.status, limit: request.query.limit }) }),
  );
}
