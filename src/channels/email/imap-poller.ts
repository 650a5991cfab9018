// Polls a hosted mailbox over IMAP. Progress is the UID cursor, never the \Seen flag, and the cursor
// moves only after the sink has stored a message, so a restart neither skips nor re-imports.
import { ImapFlow } from 'imapflow';
import type { Clock } from '../../shared/clock.js';
import { createSystemClock } from '../../shared/clock.js';
import type { ImapCursor, ImapCursorStore, MailLogger, RawMailSink } from './mail-ports.js';
import { silentLogger } from './mail-ports.js';

export interface ImapPollerOptions {
  host: string;
  port: number;
  /** True for implicit TLS (993); false connects in plain text and upgrades with STARTTLS when offered. */
  secure: boolean;
  auth: { user: string; pass: string };
  mailbox: string;
  cursorStore: ImapCursorStore;
  sink: RawMailSink;
  logger?: MailLogger;
  clock?: Clock;
  /** Bounds one poll's work so a huge first import proceeds in slices. */
  maxMessagesPerPoll?: number;
  /** Passed to imapflow; e.g. `{ rejectUnauthorized: false }` for a self-signed test server. */
  tls?: { rejectUnauthorized?: boolean };
}

export interface PollResult {
  imported: number;
  cursor: ImapCursor;
  /** True when the mailbox's UIDVALIDITY changed and the poll started again from the first UID. */
  resynced: boolean;
  /** Set when storing a message failed; the cursor stays before it and the next poll retries it. */
  error: string | null;
}

export interface ImapPoller {
  /** Rejects when the server cannot be reached or the mailbox opened; the caller retries next tick. */
  pollOnce(): Promise<PollResult>;
}

/** Builds a poller; each `pollOnce()` opens a connection, imports what is new and logs out. */
export function createImapPoller(options: ImapPollerOptions): ImapPoller {
  const logger = options.logger ?? silentLogger;
  const clock = options.clock ?? createSystemClock();
  const limit = options.maxMessagesPerPoll ?? 500;

  async function pollOnce(): Promise<PollResult> {
    const client = new ImapFlow({
      host: options.host,
      port: options.port,
      secure: options.secure,
      auth: options.auth,
      logger: false,
      tls: options.tls,
    });
    // An unhandled 'error' event would crash the process; a broken connection fails this poll only.
    client.on('error', (error: unknown) => logger.warn({ mailbox: options.mailbox, err: error }, 'imap connection error'));
    await client.connect();
    try {
      // Read-only: fetching never changes flags, so the customer's own mail client sees what it saw.
      const mailbox = await client.mailboxOpen(options.mailbox, { readOnly: true });
      const stored = await options.cursorStore.load(options.mailbox);
      const resynced = stored !== null && stored.uidValidity !== mailbox.uidValidity;
      if (resynced) {
        logger.warn({ mailbox: options.mailbox, was: String(stored.uidValidity), now: String(mailbox.uidValidity) }, 'imap uidvalidity changed; offering every message again');
      }
      let cursor: ImapCursor = { uidValidity: mailbox.uidValidity, lastUid: resynced || !stored ? 0 : stored.lastUid };
      if (resynced) await options.cursorStore.save(options.mailbox, cursor);

      const found = mailbox.exists === 0 ? [] : await client.search({ uid: `${cursor.lastUid + 1}:*` }, { uid: true });
      // `n:*` always matches the highest UID, even one below n: filter it out.
      const uids = (found || [])
        .filter((uid) => uid > cursor.lastUid)
        .sort((a, b) => a - b)
        .slice(0, limit);
      let imported = 0;
      for (const uid of uids) {
        const message = await client.fetchOne(String(uid), { uid: true, source: true, internalDate: true }, { uid: true });
        if (!message || !message.source) continue;
        try {
          await options.sink.saveRaw({
            raw: message.source,
            envelope: {
              mailFrom: null,
              rcptTo: [],
              source: `imap:${options.mailbox}`,
              imap: { mailbox: options.mailbox, uidValidity: String(mailbox.uidValidity), uid, resync: resynced },
            },
            receivedAt: message.internalDate instanceof Date ? message.internalDate : clock.now(),
          });
        } catch (error) {
          const detail = error instanceof Error ? error.message : String(error);
          logger.error({ mailbox: options.mailbox, uid, err: error }, 'imap message could not be stored');
          return { imported, cursor, resynced, error: detail };
        }
        cursor = { uidValidity: mailbox.uidValidity, lastUid: uid };
        await options.cursorStore.save(options.mailbox, cursor);
        imported += 1;
      }
      if (imported > 0) logger.info({ mailbox: options.mailbox, imported, lastUid: cursor.lastUid }, 'imap messages imported');
      return { imported, cursor, resynced, error: null };
    } finally {
      await client.logout().catch(() => client.close());
    }
  }

  return { pollOnce };
}
