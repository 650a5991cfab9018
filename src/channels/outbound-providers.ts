// Providers that carry replies out on SMS and social networks. Each channel has an interface and a
// capture implementation (what a fresh install uses: the message stays in the outbox and the console).
import type { MessageTransport } from '../features/comms/transport.js';
import { signSha256 } from './signed-webhook.js';

export interface ShortMessage {
  /** E.164 phone number, or `network:@handle` for social. */
  to: string;
  body: string;
  outboxId: string;
}

export interface ShortMessageProvider {
  readonly name: string;
  send(message: ShortMessage): Promise<{ externalId: string | null }>;
}

/** Keeps every message in memory and reports it delivered. */
export function createCaptureProvider(name: string): ShortMessageProvider & { readonly captured: ShortMessage[] } {
  const captured: ShortMessage[] = [];
  return {
    name,
    captured,
    async send(message) {
      captured.push(message);
      return { externalId: null };
    },
  };
}

/**
 * POSTs each social reply as JSON to the DM provider's endpoint, signed like the inbound webhook
 * (`X-Kept-Signature: sha256=…`). A non-2xx answer throws, so the outbox retries.
 */
export function createSignedWebhookProvider(options: { url: string; secret: string; fetch?: typeof fetch }): ShortMessageProvider {
  const send = options.fetch ?? fetch;
  return {
    name: 'social_webhook',
    async send(message) {
      const [network, ...rest] = message.to.split(':');
      const body = JSON.stringify({ network, handle: rest.join(':'), text: message.body, id: message.outboxId });
      const response = await send(options.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-kept-signature': signSha256(options.secret, body) }, body });
      if (!response.ok) throw new Error(`the social provider answered ${response.status}`);
      const answer = (await response.json().catch(() => ({}))) as { id?: unknown };
      return { externalId: typeof answer.id === 'string' ? answer.id : null };
    },
  };
}

/** The outbox transport for a channel carried by a short-message provider. */
export function createShortMessageTransport(provider: ShortMessageProvider): MessageTransport {
  return {
    name: provider.name,
    send: (message) => provider.send({ to: message.to, body: message.body, outboxId: message.outboxId }),
  };
}
