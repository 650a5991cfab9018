// Social direct messages through a generic webhook, HMAC-SHA256 signed: network + handle is the identity.
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import { declareResponses, errorResponses } from '../../http/responses.js';
import { ingestReplySchema } from '../../features/events/event.schemas.js';
import type { IngestService } from '../../features/events/ingest.service.js';
import { AppError } from '../../shared/app-error.js';
import type { Clock } from '../../shared/clock.js';
import { verifySha256 } from '../signed-webhook.js';

export const socialMessageSchema = z.object({
  network: z.string().min(1).max(40),
  handle: z.string().min(1).max(200),
  /** The network's id of the message; a repeat delivery of it is a duplicate. */
  message_id: z.string().min(1).max(200),
  text: z.string().min(1).max(20_000),
  conversation_id: z.string().max(200).optional(),
  name: z.string().max(200).optional(),
  sent_at: z.iso.datetime({ offset: true }).optional(),
});

export const socialWebhookSchema = z.union([z.object({ messages: z.array(socialMessageSchema).min(1).max(100) }), socialMessageSchema]);

/** Registers `POST /api/v1/channels/social/webhook`; the raw body is kept to check its signature. */
export async function registerSocialRoutes(app: FastifyInstance, deps: { ingest: IngestService; clock: Clock; secret: string | undefined }): Promise<void> {
  await app.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: 1024 * 1024 }, (_request, body, done) => done(null, body));
    scope.post(
      '/api/v1/channels/social/webhook',
      {
        config: { auth: 'public' },
        schema: {
          operationId: 'receiveSocialMessages',
          tags: ['channels'],
          summary: 'Inbound social direct messages (X-Kept-Signature: sha256=<hmac>)',
          response: declareResponses({ 202: ingestReplySchema, ...errorResponses(400, 401) }),
        },
      },
      async (request, reply) => {
        if (!deps.secret) throw new AppError('unauthenticated', { detail: 'The social webhook is not configured: set the secret named by channels.social.secret_env' });
        const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const signature = request.headers['x-kept-signature'];
        if (!verifySha256({ secret: deps.secret, body: raw, signature: typeof signature === 'string' ? signature : undefined })) {
          throw new AppError('unauthenticated', { detail: 'X-Kept-Signature is missing or does not match the body' });
        }
        const parsed = socialWebhookSchema.safeParse(safeJson(raw));
        if (!parsed.success) throw new AppError('validation_failed', { detail: `body: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`.trim() });
        const messages = 'messages' in parsed.data ? parsed.data.messages : [parsed.data];
        const now = deps.clock.now().toISOString();
        const result = await deps.ingest.ingestEvents(
          messages.map((message) => ({
            id: `social:${message.network.toLowerCase()}:${message.message_id}`,
            type: 'contact.received',
            occurred_at: message.sent_at ?? now,
            customer: { handle: { network: message.network, id: message.handle }, ...(message.name ? { name: message.name } : {}) },
            data: { channel: 'social', text: message.text, ...(message.conversation_id ? { thread_ref: `social:${message.network.toLowerCase()}:${message.conversation_id}` } : {}) },
          })),
        );
        return reply.status(202).send(result);
      },
    );
  });
}

function safeJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new AppError('validation_failed', { detail: 'body: not valid JSON' });
  }
}
