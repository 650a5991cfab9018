// How a message leaves Kept. Channels provide transports; without one a message is captured: kept in the
// outbox as sent-to-capture and shown in the console, which is what a fresh install does.

export interface OutgoingMessage {
  outboxId: string;
  channel: string;
  to: string;
  subject: string | null;
  body: string;
  html: string | null;
  caseToken: string | null;
  inReplyTo: string | null;
}

export interface TransportResult {
  externalId: string | null;
}

export interface MessageTransport {
  readonly name: string;
  send(message: OutgoingMessage): Promise<TransportResult>;
}

/** Keeps messages in memory (for the console and tests) and reports them delivered. */
export function createCaptureTransport(): MessageTransport & { readonly captured: OutgoingMessage[] } {
  const captured: OutgoingMessage[] = [];
  return {
    name: 'capture',
    captured,
    async send(message) {
      captured.push(message);
      return { externalId: null };
    },
  };
}
