// HTTP doors of the email channel: raw messages from providers' inbound webhooks, and the quarantine.
import { z } from 'zod';
import { declareResponses, errorResponses, itemsOf } from '../../http/responses.js';
import type { App } from '../../http/route-types.js';

const quarantinedSchema = z.object({
  id: z.string(),
  source: z.string(),
  error: z.string().nullable(),
  attempts: z.number().int(),
  bytes: z.number().int(),
  mail_from: z.string().nullable(),
  rcpt_to: z.array(z.string()),
  received_at: z.string().meta({ format: 'date-time' }),
});
import type { Clock } from '../../shared/clock.js';
import { receiveRawEmail } from './http-intake.js';
import type { RawMailSink } from './mail-ports.js';
import type { QuarantineService } from './quarantine.service.js';

export function registerEmailRoutes(app: App, deps: { sink: RawMailSink; clock: Clock; maxBytes: number; quarantine: QuarantineService }): void {
  app.addContentTypeParser('message/rfc822', { parseAs: 'buffer', bodyLimit: deps.maxBytes }, (_request, body, done) => done(null, body));

  app.post(
    '/api/v1/inbound/email',
    {
      config: { auth: 'admin' },
      bodyLimit: deps.maxBytes,
      schema: {
        operationId: 'receiveEmail',
        tags: ['email'],
        summary: 'Receive a raw RFC 5322 message (Content-Type: message/rfc822)',
        response: declareResponses({ 202: z.object({ id: z.string() }), ...errorResponses(400, 413, 415) }),
      },
    },
    async (request, reply) => {
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const rcpt = request.headers['x-kept-rcpt-to'];
      const saved = await receiveRawEmail({ raw, sink: deps.sink, clock: deps.clock, maxBytes: deps.maxBytes, ...(typeof rcpt === 'string' ? { rcptTo: rcpt.split(',').map((a) => a.trim()) } : {}) });
      return reply.status(202).send(saved);
    },
  );

  app.get(
    '/api/v1/inbound/quarantine',
    {
      config: { auth: 'admin' },
      schema: {
        operationId: 'listQuarantine',
        tags: ['email'],
        summary: 'Inbound messages that could not be processed',
        response: declareResponses({ 200: itemsOf(quarantinedSchema) }),
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).optional() }),
      },
    },
    async (request) => ({ items: await deps.quarantine.listQuarantine(request.query.limit ?? 100) }),
  );

  app.post(
    '/api/v1/inbound/quarantine/:id/retry',
    {
      config: { auth: 'admin' },
      schema: {
        operationId: 'retryQuarantined',
        tags: ['email'],
        summary: 'Process a quarantined message again',
        response: declareResponses({ 200: z.object({ id: z.string(), state: z.string(), outcome: z.string(), error: z.string().nullable() }) }),
        params: z.object({ id: z.string().min(1) }),
      },
    },
    async (request) => deps.quarantine.retryQuarantined(request.params.id),
  );
}
