// Sends webhooks to a test Kept the way each platform signs them.
import { createHmac } from 'node:crypto';
import type { Kept } from '../../src/app.js';
import { stripeSignatureHeader } from '../../src/features/connectors/signatures.js';

export const shopifySecret = 'shpss_kept_test_secret_0123456789';
export const wooSecret = 'wc_kept_test_secret_0123456789';
export const stripeSecret = 'whsec_kept_test_secret_0123456789';
export const connectorSecrets = { KEPT_SHOPIFY_WEBHOOK_SECRET: shopifySecret, KEPT_WOOCOMMERCE_WEBHOOK_SECRET: wooSecret, KEPT_STRIPE_WEBHOOK_SECRET: stripeSecret };

export interface WebhookAnswer {
  status: number;
  body: Record<string, unknown>;
}

async function post(kept: Pick<Kept, 'app'>, url: string, headers: Record<string, string>, body: string): Promise<WebhookAnswer> {
  const response = await kept.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', ...headers }, payload: body });
  return { status: response.statusCode, body: response.body ? (response.json() as Record<string, unknown>) : {} };
}

const base64Hmac = (secret: string, body: string) => createHmac('sha256', secret).update(body).digest('base64');

export function postShopify(kept: Pick<Kept, 'app'>, options: { topic: string; payload: unknown; webhookId: string; secret?: string; shop?: string }): Promise<WebhookAnswer> {
  const body = JSON.stringify(options.payload);
  return post(
    kept,
    '/webhooks/shopify',
    {
      'x-shopify-topic': options.topic,
      'x-shopify-hmac-sha256': base64Hmac(options.secret ?? shopifySecret, body),
      'x-shopify-shop-domain': options.shop ?? 'kept-demo.myshopify.com',
      'x-shopify-webhook-id': options.webhookId,
      'x-shopify-triggered-at': '2026-12-01T10:00:00.000000Z',
      'x-shopify-api-version': '2025-01',
    },
    body,
  );
}

export function postWoo(kept: Pick<Kept, 'app'>, options: { topic: string; payload: unknown; deliveryId: string; secret?: string }): Promise<WebhookAnswer> {
  const body = JSON.stringify(options.payload);
  const [resource, event] = options.topic.split('.');
  return post(
    kept,
    '/webhooks/woocommerce',
    {
      'x-wc-webhook-source': 'https://shop.example.com/',
      'x-wc-webhook-topic': options.topic,
      'x-wc-webhook-resource': resource ?? '',
      'x-wc-webhook-event': event ?? '',
      'x-wc-webhook-id': '12',
      'x-wc-webhook-delivery-id': options.deliveryId,
      'x-wc-webhook-signature': base64Hmac(options.secret ?? wooSecret, body),
    },
    body,
  );
}

/** Signs at Kept's clock unless `timestamp` (Unix seconds) says otherwise. */
export function postStripe(kept: Pick<Kept, 'app' | 'clock'>, options: { event: unknown; secrets?: string[]; timestamp?: number }): Promise<WebhookAnswer> {
  const body = JSON.stringify(options.event);
  const timestamp = options.timestamp ?? Math.floor(kept.clock.now().getTime() / 1000);
  return post(kept, '/webhooks/stripe', { 'stripe-signature': stripeSignatureHeader({ secrets: options.secrets ?? [stripeSecret], body, timestamp }) }, body);
}
