// POST /api/v1/events: one event or a batch of up to 1000, idempotent on id.
import { declareResponses, errorResponses } from '../../http/responses.js';
import type { App } from '../../http/route-types.js';
import type { Clock } from '../../shared/clock.js';
import { eventsBodySchema, ingestReplySchema } from './event.schemas.js';
import type { IngestService } from './ingest.service.js';
import { parseEventsBody } from './parse-events.js';

export function registerEventRoutes(app: App, deps: { ingest: IngestService; clock: Clock }): void {
  app.post(
    '/api/v1/events',
    {
      config: { auth: 'admin' },
      schema: {
        operationId: 'ingestEvents',
        tags: ['events'],
        summary: 'Ingest one event or a batch',
        body: eventsBodySchema,
        response: declareResponses({ 202: ingestReplySchema, ...errorResponses(413, 415) }),
      },
      // The body is parsed by parseEventsBody so that an error names the event's index and field.
      validatorCompiler: () => (data) => ({ value: data }),
      bodyLimit: 10 * 1024 * 1024,
    },
    async (request, reply) => {
      const result = await deps.ingest.ingestEvents(parseEventsBody(request.body, { receivedAt: deps.clock.now() }));
      return reply.status(202).send(result);
    },
  );
}
