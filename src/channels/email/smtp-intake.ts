// Inbound SMTP: every accepted message is stored through the sink before the sender hears 250.
import { timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { SMTPServerDataStream, SMTPServerOptions, SMTPServerSession } from 'smtp-server';
import type { MailLogger, RawMailSink } from './mail-ports.js';
import { silentLogger } from './mail-ports.js';
import type { Clock } from '../../shared/clock.js';
import { createSystemClock } from '../../shared/clock.js';

export const defaultMaxMessageBytes = 25 * 1024 * 1024;

export interface SmtpIntakeOptions {
  /** 0 picks a free port; `listen()` reports the one bound. */
  port: number;
  host?: string;
  sink: RawMailSink;
  /** Larger messages are refused with 552 (and announced through the SIZE extension). */
  maxBytes?: number;
  /** PEM key and certificate; when given, STARTTLS is offered. */
  tls?: { key: string | Buffer; cert: string | Buffer };
  /** When given, senders must log in with one of these users (PLAIN or LOGIN). */
  auth?: { users: ReadonlyArray<{ username: string; password: string }> };
  logger?: MailLogger;
  clock?: Clock;
  /** Name in the greeting and EHLO reply. */
  hostname?: string;
}

export interface SmtpIntake {
  listen(): Promise<{ port: number }>;
  close(): Promise<void>;
}

class SmtpReplyError extends Error {
  constructor(
    readonly responseCode: number,
    message: string,
  ) {
    super(message);
  }
}

/** Builds (but does not start) the SMTP intake server. */
export function createSmtpIntake(options: SmtpIntakeOptions): SmtpIntake {
  const maxBytes = options.maxBytes ?? defaultMaxMessageBytes;
  const logger = options.logger ?? silentLogger;
  const clock = options.clock ?? createSystemClock();
  const users = options.auth?.users ?? [];

  const serverOptions: SMTPServerOptions = {
    name: options.hostname,
    size: maxBytes,
    logger: false,
    disableReverseLookup: true,
    authMethods: ['PLAIN', 'LOGIN'],
    authOptional: !options.auth,
    // Without TLS, AUTH over plain text is the operator's explicit choice (e.g. a private network).
    allowInsecureAuth: !options.tls,
    disabledCommands: [...(options.tls ? [] : ['STARTTLS']), ...(options.auth ? [] : ['AUTH'])],
    ...(options.tls ? { key: options.tls.key, cert: options.tls.cert } : {}),
    onAuth(auth, _session, callback) {
      const ok = users.some((u) => u.username === auth.username && sameSecret(u.password, auth.password ?? ''));
      if (!ok) {
        logger.warn({ username: auth.username }, 'smtp auth refused');
        callback(new SmtpReplyError(535, 'Authentication failed'));
        return;
      }
      callback(null, { user: auth.username });
    },
    onData(stream, session, callback) {
      receive(stream, session)
        .then((reply) => callback(null, reply))
        .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
    },
  };

  async function receive(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<string> {
    const chunks: Buffer[] = [];
    let length = 0;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      length += chunk.length;
      // Past the limit we keep reading (the client is still sending) but stop buffering.
      if (length <= maxBytes) chunks.push(chunk);
    }
    if (stream.sizeExceeded || length > maxBytes) {
      logger.warn({ bytes: length, maxBytes, remoteAddress: session.remoteAddress }, 'smtp message too large');
      throw new SmtpReplyError(552, `Message exceeds fixed maximum message size of ${maxBytes} bytes`);
    }
    const envelope = {
      mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
      rcptTo: session.envelope.rcptTo.map((r) => r.address),
      remoteAddress: session.remoteAddress,
      tls: session.secure,
      source: 'smtp',
    };
    try {
      const { id } = await options.sink.saveRaw({ raw: Buffer.concat(chunks, length), envelope, receivedAt: clock.now() });
      logger.info({ rawMailId: id, bytes: length, rcptTo: envelope.rcptTo }, 'smtp message stored');
      return `OK queued as ${id}`;
    } catch (error) {
      // 451 is temporary: the sending server keeps the message and tries again later.
      logger.error({ err: error, bytes: length }, 'smtp message could not be stored');
      throw new SmtpReplyError(451, 'Requested action aborted: local error in processing, try again later');
    }
  }

  const server = new SMTPServer(serverOptions);
  server.on('error', (error) => logger.error({ err: error }, 'smtp server error'));

  return {
    listen() {
      return new Promise((resolve, reject) => {
        server.server.once('error', reject);
        server.listen(options.port, options.host ?? '0.0.0.0', () => {
          server.server.off('error', reject);
          const { port } = server.server.address() as AddressInfo;
          logger.info({ port }, 'smtp intake listening');
          resolve({ port });
        });
      });
    },
    close() {
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function sameSecret(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
