// Every channel in one place for app.ts: intake doors (SMTP, IMAP, HTTP webhooks, the contact form),
// outbound transports for the outbox, and the loops that retry queued sends. main.ts starts and stops it.
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import { readSecretEnv } from '../config/env.js';
import type { Db } from '../db/create-db.js';
import type { App } from '../http/route-types.js';
import type { Clock } from '../shared/clock.js';
import type { CaseService } from '../features/cases/case.service.js';
import type { ClockService } from '../features/clock/clock.service.js';
import type { OutboxService } from '../features/comms/outbox.service.js';
import type { MessageTransport } from '../features/comms/transport.js';
import type { CustomerService } from '../features/customers/customer.service.js';
import type { IngestService } from '../features/events/ingest.service.js';
import { createEmailChannel, type EmailChannel } from './email/email-channel.js';
import { registerEmailRoutes } from './email/email.routes.js';
import { registerAttachmentRoutes } from './email/attachment.routes.js';
import { createAttachmentService } from './email/attachment.service.js';
import { createCaptureProvider, createShortMessageTransport, createSignedWebhookProvider, type ShortMessageProvider } from './outbound-providers.js';
import { createCallService } from './phone/call.service.js';
import { registerCallRoutes } from './phone/call.routes.js';
import { registerSmsRoutes, twilioWebhookPath } from './sms/sms.routes.js';
import { registerSocialRoutes } from './social/social.routes.js';
import { registerContactRoutes } from './webform/contact.routes.js';

export interface RegisterChannelsOptions {
  config: Config;
  db: Db;
  clock: Clock;
  logger: Logger;
  services: { cases: CaseService; outbox: OutboxService; customers: CustomerService; ingest: IngestService; clock: ClockService };
  /** The outbox's transports by channel; filled here (a channel left out is captured). */
  transports: Partial<Record<string, MessageTransport>>;
  /** Reads a secret named in the config; defaults to the environment. */
  readSecret?: (name: string) => string | undefined;
}

export interface Channels {
  email: EmailChannel;
  sms: ShortMessageProvider;
  social: ShortMessageProvider;
  /** Starts SMTP intake and, with a real clock, IMAP polling, the intake sweep and outbox retries. */
  start(options: { smtpPort: number; smtpHost?: string }): Promise<{ smtpPort: number }>;
  /** Sends every queued outbox entry due by `dueBy` (retries included); what the timers call. */
  deliverQueued(dueBy?: Date): Promise<number>;
  stop(): Promise<void>;
}

/** Registers every channel's routes and transports; nothing listens until `start()`. */
export async function registerChannels(app: App, options: RegisterChannelsOptions): Promise<Channels> {
  const { config, db, clock, logger, services } = options;
  const readSecret = options.readSecret ?? ((name: string) => readSecretEnv(name));
  const channels = config.file.channels;
  const publicUrl = config.file.kept.public_url.replace(/\/$/, '');

  await app.register(formbody);
  // app.ts registers it first for the login; the channels' forms share it.
  if (!app.hasDecorator('rateLimit')) await app.register(rateLimit, { global: false });

  const email = createEmailChannel({
    config: channels.email,
    kept: config.file.kept,
    smtpUrl: config.env.KEPT_SMTP_URL,
    readSecret,
    db,
    clock,
    logger,
    cases: services.cases,
    outbox: services.outbox,
    customers: services.customers,
  });
  registerEmailRoutes(app, { sink: email.sink, clock, maxBytes: email.maxBytes, quarantine: email.quarantine });
  registerAttachmentRoutes(app, { attachments: createAttachmentService({ db }) });
  if (email.transport) options.transports['email'] = email.transport;

  const socialSecret = readSecret(channels.social.secret_env);
  const social: ShortMessageProvider =
    channels.social.outbound_url && socialSecret ? createSignedWebhookProvider({ url: channels.social.outbound_url, secret: socialSecret }) : createCaptureProvider('capture');
  const sms = createCaptureProvider('capture');
  options.transports['social'] = createShortMessageTransport(social);
  options.transports['sms'] = createShortMessageTransport(sms);
  await registerSocialRoutes(app, { ingest: services.ingest, clock, secret: socialSecret });
  registerSmsRoutes(app, { ingest: services.ingest, clock, authToken: readSecret(channels.sms.auth_token_env), webhookUrl: channels.sms.webhook_url ?? `${publicUrl}${twilioWebhookPath}` });
  registerCallRoutes(app, { calls: createCallService({ cases: services.cases, customers: services.customers, ingest: services.ingest, clock }) });
  if (channels.web_form.enabled) {
    registerContactRoutes(app, {
      ingest: services.ingest,
      clock,
      businessName: config.file.kept.name,
      publicUrl,
      rateLimit: { max: channels.web_form.max_per_window, windowMs: channels.web_form.window_minutes * 60_000 },
    });
  }

  // The outbox's one sweep: retries and what other processes queued (what this process queues is delivered
  // right after its transaction commits).
  const deliverQueued = (dueBy?: Date) => services.outbox.deliverQueued(dueBy);

  if (clock.mode === 'manual') {
    // With a manual clock, stored mail and queued retries move when the clock is advanced. Registered when the
    // app is ready, so it runs after every other runner: moving the clock to the end of the span is then safe.
    app.addHook('onReady', async () => {
      services.clock.registerTimerRunner(async ({ until, setTime }) => {
        await email.worker.processPending();
        setTime(until);
        await deliverQueued(until);
      });
    });
  }

  const timers: NodeJS.Timeout[] = [];
  return {
    email,
    sms,
    social,
    deliverQueued,
    async start(startOptions) {
      const started = await email.start(startOptions);
      if (clock.mode === 'system') {
        timers.push(
          setInterval(() => {
            deliverQueued().catch((error: unknown) => logger.error({ err: error }, 'outbox retry failed'));
          }, 5_000),
        );
      }
      return started;
    },
    async stop() {
      for (const timer of timers.splice(0)) clearInterval(timer);
      await email.stop();
      await services.outbox.idle();
    },
  };
}
