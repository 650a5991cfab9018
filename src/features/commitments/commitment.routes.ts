// GET /api/v1/commitments with the SPEC filters; POST /api/v1/commitments/{id}/waive; Prometheus /metrics.
import type { Registry } from 'prom-client';
import { z } from 'zod';
import { principalOf } from '../../http/auth.js';
import { declareResponses, itemsOf } from '../../http/responses.js';
import type { App } from '../../http/route-types.js';
import { commitmentStates, commitmentViewSchema } from './commitment.schemas.js';
import type { Db } from '../../db/create-db.js';
import { listCommitmentPage } from './commitment-list.js';
import type { CommitmentService } from './commitment.service.js';

export function registerCommitmentReadRoutes(app: App, deps: { db: Db }): void {
  app.get(
    '/api/v1/commitments',
    {
      config: { auth: 'agent' },
      schema: {
        operationId: 'listCommitments',
        summary: 'List commitments by state, kind, case or customer',
        tags: ['commitments'],
        response: declareResponses({ 200: itemsOf(commitmentViewSchema) }),
        querystring: z.object({
          state: z.enum(commitmentStates).optional(),
          kind: z.string().optional(),
          case_id: z.string().optional(),
          customer_id: z.string().optional(),
          limit: z.coerce.number().int().min(1).max(1000).optional(),
          cursor: z.string().max(200).optional(),
        }),
      },
    },
    async (request) => {
      const { state, kind, case_id: caseId, customer_id: customerId, limit, cursor } = request.query;
      return listCommitmentPage(deps.db, { state, kind, caseId, customerId, limit, cursor });
    },
  );
}

/** The engine's routes: waiving (managers only) and the metrics scrape (an admin token or KEPT_METRICS_TOKEN). */
export function registerCommitmentEngineRoutes(app: App, deps: { commitments: CommitmentService; registry: Registry }): void {
  app.post(
    '/api/v1/commitments/:id/waive',
    {
      config: { auth: 'manager' },
      schema: {
        operationId: 'waiveCommitment',
        summary: 'Waive a commitment, with a reason (managers)',
        tags: ['commitments'],
        response: declareResponses({ 200: commitmentViewSchema }),
        params: z.object({ id: z.string().min(1) }),
        body: z.object({ reason: z.string().trim().min(1, 'a waiver needs a reason').max(2000) }),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      return deps.commitments.waive({ id: request.params.id, by: { agentId: principal.agentId, role: principal.role }, reason: request.body.reason });
    },
  );
  app.get('/metrics', { config: { auth: 'admin', metricsToken: true }, schema: { hide: true } }, async (_request, reply) => {
    const text = await deps.registry.metrics();
    return reply.type(deps.registry.contentType).send(text);
  });
}
