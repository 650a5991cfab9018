// Puts the email channel together on the store: sink, intake worker, SMTP intake, IMAP pollers, the
// outbound transport and its retries. app.ts builds it; main.ts starts and stops it.
import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import type { Db } from '../../db/create-db.js';
import type { CaseService } from '../../features/cases/case.service.js';
import type { OutboxService } from '../../features/comms/outbox.service.js';
import type { MessageTransport } from '../../features/comms/transport.js';
import type { CustomerService } from '../../features/customers/customer.service.js';
import type { Clock } from '../../shared/clock.js';
import { createMailParserPool } from './parse-pool.js';
import { emailAddressesOf, type EmailConfig } from './email-config.js';
import { createEmailMessageTransport } from './email-message-transport.js';
import { createThreadHeaderLookup } from './email-thread-headers.js';
import { createImapPoller, type ImapPoller } from './imap-poller.js';
import { createIntakeWorker, type IntakeWorker } from './intake-worker.js';
import type { RawMailSink } from './mail-ports.js';
import { createSmtpTransport } from './mail-transport.js';
import { createQuarantineService, type QuarantineService } from './quarantine.service.js';
import { createSmtpIntake, type SmtpIntake } from './smtp-intake.js';
import { createStoreCursorStore, createStoreSink } from './store-ports.js';

export interface EmailChannelOptions {
  config: EmailConfig;
  kept: { support_address: string; message_id_domain: string };
  /** KEPT_SMTP_URL; without it the outbox captures email. */
  smtpUrl: string | undefined;
  readSecret: (name: string) => string | undefined;
  db: Db;
  clock: Clock;
  logger: Logger;
  cases: CaseService;
  outbox: OutboxService;
  customers: CustomerService;
}

export interface EmailChannel {
  sink: RawMailSink;
  worker: IntakeWorker;
  quarantine: QuarantineService;
  /** The outbox transport for `email`, or null when mail is captured. */
  transport: MessageTransport | null;
  maxBytes: number;
  /** Starts SMTP on `smtpPort` (0 picks one) and, with a real clock, the IMAP pollers. */
  start(options: { smtpPort: number; smtpHost?: string }): Promise<{ smtpPort: number }>;
  /** Polls every configured mailbox once and processes what arrived (timers call it; so can tests). */
  pollMailboxes(): Promise<number>;
  stop(): Promise<void>;
}

export function createEmailChannel(options: EmailChannelOptions): EmailChannel {
  const { config, db, clock } = options;
  const addresses = emailAddressesOf(config, options.kept);
  const logger = options.logger.child({ channel: 'email' });
  // Mail is parsed and sanitised in worker threads, never on the event loop that answers HTTP and SMTP.
  const parser = createMailParserPool({ limits: { maxAttachmentBytes: config.attachments.max_bytes } });
  const worker = createIntakeWorker({
    db,
    clock,
    cases: options.cases,
    outbox: options.outbox,
    customers: options.customers,
    logger,
    maxAttachmentBytes: config.attachments.max_bytes,
    prepare: { ourDomains: addresses.ourDomains, ourMessageIdDomain: addresses.messageIdDomain, parse: parser.parse },
  });
  const kick = () =>
    worker.processPending().catch((error: unknown) => {
      logger.error({ err: error }, 'inbound mail processing failed');
    });
  // With a manual clock the message is processed before the sender hears back, so tests see it at once.
  const sink = createStoreSink({ db, onStored: clock.mode === 'manual' ? async () => void (await kick()) : () => void kick() });
  const quarantine = createQuarantineService({ db, clock, worker });
  const transport = options.smtpUrl
    ? createEmailMessageTransport({
        mail: createSmtpTransport({ url: options.smtpUrl }),
        name: 'smtp',
        from: addresses.from,
        messageIdDomain: addresses.messageIdDomain,
        threadFor: createThreadHeaderLookup({ db, outbox: options.outbox }),
      })
    : null;

  const pollers: { mailbox: string; every: number; poller: ImapPoller }[] = config.imap.map((box) => ({
    mailbox: `${box.user}@${box.host}/${box.mailbox}`,
    every: box.poll_seconds * 1000,
    poller: createImapPoller({
      host: box.host,
      port: box.port,
      secure: box.secure,
      auth: { user: box.user, pass: options.readSecret(box.password_env) ?? '' },
      mailbox: box.mailbox,
      cursorStore: createStoreCursorStore({ db, clock }),
      sink,
      logger,
      clock,
      tls: { rejectUnauthorized: box.verify_tls },
    }),
  }));

  let smtp: SmtpIntake | null = null;
  const timers: NodeJS.Timeout[] = [];
  const polling = new Set<ImapPoller>();

  async function pollOne(entry: (typeof pollers)[number]): Promise<number> {
    if (polling.has(entry.poller)) return 0;
    polling.add(entry.poller);
    try {
      const result = await entry.poller.pollOnce();
      return result.imported;
    } catch (error) {
      logger.warn({ mailbox: entry.mailbox, err: error }, 'imap poll failed; will try again');
      return 0;
    } finally {
      polling.delete(entry.poller);
    }
  }

  return {
    sink,
    worker,
    quarantine,
    transport,
    maxBytes: config.smtp.max_bytes,
    async start({ smtpPort, smtpHost }) {
      const tls = config.smtp.tls ? { key: readFileSync(config.smtp.tls.key_file), cert: readFileSync(config.smtp.tls.cert_file) } : undefined;
      const users = config.smtp.auth?.users.map((user) => ({ username: user.username, password: options.readSecret(user.password_env) ?? '' }));
      smtp = createSmtpIntake({
        port: smtpPort,
        host: smtpHost ?? config.smtp.host,
        sink,
        maxBytes: config.smtp.max_bytes,
        logger,
        clock,
        hostname: addresses.ourDomains[0],
        ...(tls ? { tls } : {}),
        ...(users ? { auth: { users } } : {}),
      });
      const { port } = await smtp.listen();
      // Rows left pending by a crash are picked up at start, then swept now and then.
      void kick();
      if (clock.mode === 'system') {
        timers.push(setInterval(() => void kick(), 30_000));
        for (const entry of pollers) {
          void pollOne(entry);
          timers.push(setInterval(() => void pollOne(entry), entry.every));
        }
      }
      return { smtpPort: port };
    },
    async pollMailboxes() {
      let imported = 0;
      for (const entry of pollers) imported += await pollOne(entry);
      await kick();
      return imported;
    },
    async stop() {
      for (const timer of timers.splice(0)) clearInterval(timer);
      if (smtp) await smtp.close();
      smtp = null;
      // Let the message being processed finish its transaction before the store closes; the rest stays
      // pending in the store for the next start.
      await worker.idle();
      await parser.close();
    },
  };
}
