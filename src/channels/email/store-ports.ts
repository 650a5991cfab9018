// The channel's ports on the real store: raw mail into `inbound_mail` (de-duplicated), IMAP cursors.
import { createHash } from 'node:crypto';
import type { Db } from '../../db/create-db.js';
import type { Clock } from '../../shared/clock.js';
import { newId } from '../../shared/ids.js';
import * as repo from './inbound-mail.repo.js';
import type { ImapCursorStore, RawMailSink } from './mail-ports.js';

export interface StoreSinkOptions {
  db: Db;
  /** Told after each new message is stored (the intake worker starts on it). */
  onStored?: (id: string) => Promise<void> | void;
}

/**
 * A RawMailSink writing to `inbound_mail`. The same bytes offered twice (an SMTP client retrying after a
 * lost 250, an IMAP resync) are stored once: the content hash is a unique key.
 */
export function createStoreSink(options: StoreSinkOptions): RawMailSink {
  return {
    async saveRaw(input) {
      const dedupKey = createHash('sha256').update(input.raw).digest('hex');
      const saved = await repo.insertRawMail(options.db, { id: newId('inm'), raw: input.raw, envelope: input.envelope, dedupKey, receivedAt: input.receivedAt });
      if (saved.created && options.onStored) await options.onStored(saved.id);
      return { id: saved.id };
    },
  };
}

/** IMAP cursors in `imap_cursors`, one row per mailbox. */
export function createStoreCursorStore(options: { db: Db; clock: Clock }): ImapCursorStore {
  return {
    load: (mailbox) => repo.loadImapCursor(options.db, mailbox),
    save: (mailbox, cursor) => repo.saveImapCursor(options.db, { mailbox, cursor, at: options.clock.now() }),
  };
}
