// SMS in through a Twilio-compatible webhook: form-encoded From/Body, authenticated by X-Twilio-Signature.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { declareResponses, errorResponses } from '../../http/responses.js';
import type { IngestService } from '../../features/events/ingest.service.js';
import { AppError } from '../../shared/app-error.js';
import type { Clock } from '../../shared/clock.js';
import { verifyTwilioSignature } from '../signed-webhook.js';

export const twilioWebhookPath = '/api/v1/channels/sms/twilio';

/** Registers the webhook; `webhookUrl` is the URL as the provider calls it, which the signature covers. */
export function registerSmsRoutes(app: FastifyInstance, deps: { ingest: IngestService; clock: Clock; authToken: string | undefined; webhookUrl: string }): void {
  app.post(
    twilioWebhookPath,
    {
      config: { auth: 'public' },
      schema: {
        operationId: 'receiveSms',
        tags: ['channels'],
        summary: 'Inbound SMS (Twilio-compatible, X-Twilio-Signature)',
        response: declareResponses({ 200: { description: 'An empty TwiML answer: Kept replies through the outbox', content: { 'text/xml': { schema: z.string() } } }, ...errorResponses(400, 401) }),
      },
    },
    async (request, reply) => {
      if (!deps.authToken) throw new AppError('unauthenticated', { detail: 'The SMS webhook is not configured: set the token named by channels.sms.auth_token_env' });
      const params = formParams(request.body);
      const signature = request.headers['x-twilio-signature'];
      if (!verifyTwilioSignature({ authToken: deps.authToken, url: deps.webhookUrl, params, signature: typeof signature === 'string' ? signature : undefined })) {
        throw new AppError('unauthenticated', { detail: 'X-Twilio-Signature is missing or does not match' });
      }
      const from = params['From'];
      const sid = params['MessageSid'] ?? params['SmsSid'];
      if (!from || !sid) throw new AppError('validation_failed', { detail: 'From and MessageSid are required', field: from ? 'MessageSid' : 'From' });
      await deps.ingest.ingestEvents([
        {
          id: `sms:${sid}`,
          type: 'contact.received',
          occurred_at: deps.clock.now().toISOString(),
          customer: { phone: from },
          data: { channel: 'sms', text: params['Body'] ?? '' },
        },
      ]);
      // An empty TwiML answer: Kept replies through the outbox, not in the webhook's answer.
      return reply.status(200).type('text/xml').send('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
    },
  );
}

function formParams(body: unknown): Record<string, string> {
  if (!body || typeof body !== 'object') throw new AppError('validation_failed', { detail: 'body: send application/x-www-form-urlencoded parameters' });
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) params[key] = Array.isArray(value) ? String(value[0] ?? '') : String(value ?? '');
  return params;
}
