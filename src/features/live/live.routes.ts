// GET /api/v1/stream: server-sent events for the console (`case.updated`, `commitment.updated`).
// EventSource cannot send headers, so the token may come as ?token= (accepted by the auth hook). ?show= says
// what the console shows (live-scope.ts): a stream carries only those changes.
import { z } from 'zod';
import { declareResponses } from '../../http/responses.js';
import { AppError } from '../../shared/app-error.js';
import type { App } from '../../http/route-types.js';
import { formatSseEvent, sseHeartbeat } from './live-event.js';
import { parseLiveScope } from './live-scope.js';
import type { LiveService } from './live.service.js';

const heartbeatMs = 25_000;

const streamQuery = z.object({
  token: z.string().optional().meta({ description: 'The session token, for EventSource (which cannot send headers)' }),
  show: z.string().max(2_200).optional().meta({
    description:
      'What the console shows, comma-separated: `all` (the default), `cases` (every case, for lists and queues), `commitments` (every commitment), `case:<id>` (an open case; at most 20), `none`. The stream carries only those changes.',
  }),
});

const liveStreamResponse = { description: 'Server-sent events: `event: case.updated` or `commitment.updated`, each with a JSON `data` line', content: { 'text/event-stream': { schema: z.string() } } };

export function registerLiveRoutes(app: App, deps: { live: LiveService }): void {
  app.addHook('preClose', async () => deps.live.closeAll());
  // Its URL carries the session token: the request is not logged at the usual info level.
  app.get(
    '/api/v1/stream',
    {
      logLevel: 'warn',
      config: { auth: 'agent', tokenInQuery: true },
      schema: {
        operationId: 'streamLiveUpdates',
        summary: 'Server-sent events for the console (case.updated, commitment.updated)',
        tags: ['live'],
        querystring: streamQuery,
        response: declareResponses({ 200: liveStreamResponse }),
      },
    },
    async (request, reply) => {
      const scope = parseLiveScope(request.query.show);
      if ('error' in scope) throw new AppError('validation_failed', { detail: scope.error });
      reply.hijack();
      const stream = reply.raw;
      stream.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      stream.write('retry: 3000\n\n');
      const heartbeat = setInterval(() => stream.write(sseHeartbeat), heartbeatMs);
      const unsubscribe = deps.live.subscribe({ scope, send: (event) => stream.write(formatSseEvent(event)), end: () => stream.end() });
      // The response's close fires when the console hangs up and when the stream is ended here.
      stream.on('close', () => {
        clearInterval(heartbeat);
        unsubscribe();
      });
    },
  );
}
