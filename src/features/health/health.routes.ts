// GET /api/v1/health: every registered part (store, scheduler, outbox, inbound mail, connectors…) with its
// status and figures. 200 while nothing is failing (ok or degraded), 503 when a part is failing, so a load
// balancer takes a Kept whose store cannot write out of rotation while a person can still read why.
import { z } from 'zod';
import { declareResponses, errorResponses } from '../../http/responses.js';
import type { App } from '../../http/route-types.js';
import type { Clock } from '../../shared/clock.js';
import type { HealthRegistry } from '../../shared/health.js';

const status = z.enum(['ok', 'degraded', 'failing']);
const healthReport = z.object({
  status,
  ok: z.boolean(),
  checked_at: z.string(),
  parts: z.record(z.string(), z.looseObject({ status })),
});

export function registerHealthRoutes(app: App, deps: { health: HealthRegistry; clock: Clock }): void {
  app.get(
    '/api/v1/health',
    {
      config: { auth: 'public' },
      schema: {
        operationId: 'getHealth',
        summary: 'Whether Kept is up and working: its store, scheduler, outbox, inbound mail and connectors',
        tags: ['meta'],
        response: declareResponses({ 200: healthReport, 503: healthReport, ...errorResponses(429) }),
      },
    },
    async (_request, reply) => {
      const report = await deps.health.report(deps.clock.now());
      return reply.status(report.status === 'failing' ? 503 : 200).send(report);
    },
  );
}
