// The web contact form: GET /contact, GET /contact/embed.js, POST /contact into the events pipeline as
// contact.received (channel web_form). A filled honeypot is thanked and dropped; each address is rate-limited.
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { IngestService } from '../../features/events/ingest.service.js';
import type { Clock } from '../../shared/clock.js';
import { newId } from '../../shared/ids.js';
import { renderContactPage, renderEmbedScript } from './contact-page.js';

export const contactFormSchema = z.object({
  name: z.string().trim().max(200).optional(),
  email: z.email().max(320),
  order: z.string().trim().max(100).optional(),
  subject: z.string().trim().max(200).optional(),
  message: z.string().trim().min(1).max(20_000),
  /** The honeypot: people never see it, form-filling robots do. */
  website: z.string().optional(),
});

export interface ContactRouteOptions {
  ingest: IngestService;
  clock: Clock;
  businessName: string;
  publicUrl: string;
  rateLimit: { max: number; windowMs: number };
}

const thanks = 'Thank you. We have your message and will answer by email.';

export function registerContactRoutes(app: FastifyInstance, deps: ContactRouteOptions): void {
  app.get('/contact', { config: { auth: 'public' }, schema: { hide: true } }, async (request, reply) => {
    const embedded = (request.query as { embed?: string } | undefined)?.embed === '1';
    return reply.type('text/html; charset=utf-8').send(renderContactPage({ businessName: deps.businessName, embedded }));
  });

  app.get('/contact/embed.js', { config: { auth: 'public' }, schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(renderEmbedScript(deps.publicUrl)),
  );

  app.post(
    '/contact',
    {
      config: { auth: 'public', rateLimit: { max: deps.rateLimit.max, timeWindow: deps.rateLimit.windowMs } },
      // A customer page like GET /contact, not part of the API document.
      schema: { hide: true },
    },
    async (request, reply) => {
      const wantsJson = String(request.headers['content-type'] ?? '').includes('json');
      const embedded = (request.query as { embed?: string } | undefined)?.embed === '1';
      const raw = (request.body ?? {}) as Record<string, unknown>;
      const cleaned = Object.fromEntries(Object.entries(raw).filter(([, value]) => typeof value === 'string' && value.trim() !== ''));
      const parsed = contactFormSchema.safeParse(cleaned);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const detail = `${issue?.path.join('.') ?? 'form'}: ${issue?.message ?? 'invalid'}`;
        if (wantsJson)
          return reply
            .status(400)
            .type('application/problem+json')
            .send({ type: 'about:blank', title: 'Invalid request', status: 400, detail, field: issue?.path.join('.') });
        return reply
          .status(400)
          .type('text/html; charset=utf-8')
          .send(renderContactPage({ businessName: deps.businessName, embedded, notice: { kind: 'error', text: `Please check the form: ${detail}` }, values: stringValues(raw) }));
      }
      const form = parsed.data;
      if (!form.website) {
        await deps.ingest.ingestEvents([
          {
            id: `web_form:${newId('frm')}`,
            type: 'contact.received',
            occurred_at: deps.clock.now().toISOString(),
            customer: { email: form.email, ...(form.name ? { name: form.name } : {}) },
            ...(form.order ? { order: { id: form.order } } : {}),
            data: { channel: 'web_form', text: form.message, ...(form.subject ? { subject: form.subject } : {}), remote_address: request.ip },
          },
        ]);
      } else {
        request.log.info({ ip: request.ip }, 'contact form honeypot filled; dropped');
      }
      // A robot that filled the honeypot sees the same answer as a person, so it learns nothing.
      if (wantsJson) return reply.status(202).send({ ok: true });
      return reply
        .status(200)
        .type('text/html; charset=utf-8')
        .send(renderContactPage({ businessName: deps.businessName, embedded, notice: { kind: 'sent', text: thanks } }));
    },
  );
}

function stringValues(raw: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(raw).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}
