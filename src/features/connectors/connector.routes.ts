// POST /webhooks/{shopify,woocommerce,stripe,<declared name>}: public, authenticated by the platform's
// signature over the raw body. GET/POST /api/v1/connectors…: what the console's settings show and replay.
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../http/route-types.js';
import type { ConnectorService } from './connector.service.js';
import { errorResponses } from '../../http/responses.js';

/** Platforms' payloads are well under this; a larger body is refused before it is read whole. */
export const webhookBodyLimit = 2 * 1024 * 1024;

const receiveReplySchema = z.object({ received: z.boolean(), duplicate: z.boolean().optional(), id: z.string().optional() });
const deliveryStatusSchema = z.enum(['received', 'processing', 'ingested', 'ignored', 'failed']);
const deliverySchema = z.object({
  id: z.string(),
  connector: z.string(),
  delivery_id: z.string(),
  topic: z.string().nullable(),
  status: deliveryStatusSchema,
  error: z.string().nullable(),
  waiting_on: z.string().nullable(),
  event_ids: z.array(z.string()),
  attempts: z.number().int(),
  received_at: z.string(),
  processed_at: z.string().nullable(),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.string().optional(),
});
const connectorSchema = z.object({
  name: z.string(),
  kind: z.enum(['shopify', 'woocommerce', 'stripe', 'declared']),
  endpoint_url: z.string(),
  configured: z.boolean(),
  secret_env: z.string(),
  deliveries: z.number().int(),
  failures: z.number().int(),
  last_delivery_at: z.string().nullable(),
  last_status: deliveryStatusSchema.nullable(),
});

export async function registerConnectorRoutes(app: App, deps: { connectors: ConnectorService }): Promise<void> {
  await app.register(async (plugin) => {
    const scope = plugin.withTypeProvider<ZodTypeProvider>();
    // The signature covers the bytes as sent: every body on these routes is kept raw, whatever its type.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: webhookBodyLimit }, (_request, body, done) => done(null, body));
    const receive = (name: string, request: { headers: Record<string, string | string[] | undefined>; body: unknown }) =>
      deps.connectors.receive(name, { headers: request.headers, body: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0), contentType: String(request.headers['content-type'] ?? '') });
    const answer = (result: Awaited<ReturnType<ConnectorService['receive']>>) =>
      result.status === 'received' ? { received: true, id: result.id } : { received: true, ...(result.status === 'duplicate' ? { duplicate: true } : {}) };
    const platforms = [
      ['shopify', 'Shopify', 'X-Shopify-Hmac-Sha256'],
      ['woocommerce', 'WooCommerce', 'X-WC-Webhook-Signature'],
      ['stripe', 'Stripe', 'Stripe-Signature'],
    ] as const;
    for (const [name, platform, header] of platforms) {
      scope.post(
        `/webhooks/${name}`,
        {
          config: { auth: 'public' },
          bodyLimit: webhookBodyLimit,
          schema: {
            operationId: `receive${platform}Webhook`,
            summary: `${platform} webhook (${header}); stored, answered, then mapped to Kept events`,
            tags: ['connectors'],
            security: [],
            response: { 200: receiveReplySchema, ...errorResponses(400, 401, 413) },
          },
        },
        async (request) => answer(await receive(name, request)),
      );
    }
    scope.post(
      '/webhooks/:name',
      {
        config: { auth: 'public' },
        bodyLimit: webhookBodyLimit,
        schema: {
          operationId: 'receiveDeclaredWebhook',
          summary: 'A webhook declared under connectors: in kept.config.yaml',
          tags: ['connectors'],
          security: [],
          params: z.object({ name: z.string().max(40) }),
          response: { 200: receiveReplySchema, ...errorResponses(400, 401, 404, 413) },
        },
      },
      async (request) => answer(await receive(request.params.name, request)),
    );
  });

  app.get(
    '/api/v1/connectors',
    {
      config: { auth: 'agent' },
      schema: {
        operationId: 'listConnectors',
        summary: 'Each shop connector, its endpoint URL, last delivery and failures',
        tags: ['connectors'],
        response: { 200: z.object({ connectors: z.array(connectorSchema) }) },
      },
    },
    async () => ({
      connectors: await deps.connectors.listConnectors(),
    }),
  );
  app.get(
    '/api/v1/connectors/deliveries',
    {
      config: { auth: 'agent' },
      schema: {
        operationId: 'listConnectorDeliveries',
        summary: 'Recent webhook deliveries, newest first',
        tags: ['connectors'],
        querystring: z.object({ connector: z.string().max(40).optional(), status: deliveryStatusSchema.optional(), limit: z.coerce.number().int().min(1).max(500).default(50) }),
        response: { 200: z.object({ deliveries: z.array(deliverySchema) }) },
      },
    },
    async (request) => ({ deliveries: await deps.connectors.listDeliveries(request.query) }),
  );
  app.get(
    '/api/v1/connectors/deliveries/:id',
    {
      config: { auth: 'agent' },
      schema: {
        operationId: 'getConnectorDelivery',
        summary: 'One delivery with its raw body',
        tags: ['connectors'],
        params: z.object({ id: z.string().max(100) }),
        response: { 200: deliverySchema, ...errorResponses(404) },
      },
    },
    async (request) => deps.connectors.getDelivery(request.params.id),
  );
  app.post(
    '/api/v1/connectors/deliveries/:id/replay',
    {
      config: { auth: 'admin' },
      schema: {
        operationId: 'replayConnectorDelivery',
        summary: 'Map a delivery again with the mapping in force now',
        tags: ['connectors'],
        params: z.object({ id: z.string().max(100) }),
        response: { 200: deliverySchema, ...errorResponses(404, 409) },
      },
    },
    async (request) => deps.connectors.replay(request.params.id),
  );
}
