// The ports the email channel writes through. The store implements them; tests use in-memory ones.

/** SMTP envelope as the sending server gave it (MAIL FROM / RCPT TO), not the headers. */
export interface MailEnvelope {
  mailFrom: string | null;
  rcptTo: string[];
  /** Address of the connecting client, for logs and abuse handling. */
  remoteAddress?: string;
  /** True when the SMTP session was encrypted (STARTTLS). */
  tls?: boolean;
  /** `smtp`, `imap:<mailbox>` or `http`: which door the message came through. */
  source: string;
  /**
   * Set for messages fetched over IMAP. `resync` is true after a UIDVALIDITY change, when every
   * message is offered again: the sink must then skip what it already holds (by Message-ID or hash).
   */
  imap?: { mailbox: string; uidValidity: string; uid: number; resync: boolean };
}

export interface RawMailInput {
  raw: Buffer;
  envelope: MailEnvelope;
  receivedAt: Date;
}

/**
 * Durable storage for a raw message. `saveRaw` must resolve only once the bytes are stored, because
 * SMTP answers 250 (and IMAP advances its cursor) right after it.
 */
export interface RawMailSink {
  saveRaw(input: RawMailInput): Promise<{ id: string }>;
}

/** Where the IMAP poller remembers how far it got in each mailbox. */
export interface ImapCursor {
  uidValidity: bigint;
  lastUid: number;
}

export interface ImapCursorStore {
  load(mailbox: string): Promise<ImapCursor | null>;
  save(mailbox: string, cursor: ImapCursor): Promise<void>;
}

/** The subset of pino's logger the channel uses, so any pino child logger fits. */
export interface MailLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export const silentLogger: MailLogger = {
  info() {},
  warn() {},
  error() {},
};
