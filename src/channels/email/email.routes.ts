// HTTP doors of the email channel: raw messages from providers' inbound webhooks, and the quarantine.
import { z } from 'zod';
import type { App } from '../../http/route-types.js';
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
        tags: ['email'],
        summary: 'Receive a raw RFC 5322 message (Content-Type: message/rfc822)',
        response: { 202: z.object({ id: z.string() }) },
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
      schema: { tags: ['email'], summary: 'Inbound messages that could not be processed', querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).optional() }) },
    },
    async (request) => ({ items: await deps.quarantine.listQuarantine(request.query.limit ?? 100) }),
  );

  app.post(
    '/api/v1/inbound/quarantine/:id/retry',
    {
      config: { auth: 'admin' },
      schema: { tags: ['email'], summary: 'Process a quarantined message again', params: z.object({ id: z.string().min(1) }) },
    },
    async (request) => deps.quarantine.retryQuarantined(request.params.id),
  );
}
