import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImapFlow } from 'imapflow';
import { createImapPoller } from './imap-poller.js';
import type { ImapPollerOptions } from './imap-poller.js';
import { createMemoryCursorStore, createMemorySink } from './fixtures/in-memory-ports.js';
import { startPrivateDovecot } from './fixtures/private-dovecot.js';
import type { PrivateDovecot } from './fixtures/private-dovecot.js';
import { parseEmail } from './parse-email.js';

let server: PrivateDovecot;
let admin: ImapFlow;
let mailboxCount = 0;

function message(n: number): string {
  return [
    'From: Ana Lima <ana@example.com>',
    'To: support@shop.example',
    `Subject: Question ${n}`,
    `Message-ID: <question-${n}-${mailboxCount}@example.com>`,
    'Date: Mon, 23 Nov 2026 10:00:00 +0000',
    '',
    `Body ${n}`,
    '',
  ].join('\r\n');
}

async function freshMailbox(count: number, first = 1): Promise<string> {
  mailboxCount += 1;
  const name = `Support${mailboxCount}`;
  await admin.mailboxCreate(name);
  for (let n = first; n < first + count; n += 1) await admin.append(name, message(n));
  return name;
}

async function subjects(saved: Array<{ raw: Buffer }>): Promise<string[]> {
  const result: string[] = [];
  for (const { raw } of saved) {
    const parsed = await parseEmail(raw);
    result.push(parsed.ok ? parsed.email.subject : 'unparsed');
  }
  return result;
}

describe('IMAP polling against a private Dovecot', () => {
  beforeAll(async () => {
    server = await startPrivateDovecot();
    admin = new ImapFlow({ host: '127.0.0.1', port: server.port, secure: false, auth: { user: server.user, pass: server.password }, logger: false });
    await admin.connect();
  });

  afterAll(async () => {
    await admin?.logout().catch(() => undefined);
    await server?.stop();
  });

  function poller(mailbox: string, parts: Pick<ImapPollerOptions, 'cursorStore' | 'sink'>) {
    return createImapPoller({
      host: '127.0.0.1',
      port: server.port,
      secure: false,
      auth: { user: server.user, pass: server.password },
      mailbox,
      ...parts,
    });
  }

  it('imports each message once, in UID order, without touching \\Seen', async () => {
    const mailbox = await freshMailbox(3);
    const sink = createMemorySink();
    const cursorStore = createMemoryCursorStore();
    const first = await poller(mailbox, { sink, cursorStore }).pollOnce();
    expect(first).toMatchObject({ imported: 3, resynced: false, error: null });
    expect(await subjects(sink.saved)).toEqual(['Question 1', 'Question 2', 'Question 3']);
    expect(sink.saved[0]?.envelope).toMatchObject({ source: `imap:${mailbox}`, imap: { uid: 1, resync: false } });

    const again = await poller(mailbox, { sink, cursorStore }).pollOnce();
    expect(again.imported).toBe(0);

    await admin.mailboxOpen(mailbox);
    const seen: boolean[] = [];
    for await (const msg of admin.fetch('1:*', { flags: true })) seen.push(msg.flags?.has('\\Seen') ?? false);
    expect(seen).toEqual([false, false, false]);
  });

  it('imports mail another client already read', async () => {
    const mailbox = await freshMailbox(2);
    await admin.mailboxOpen(mailbox);
    await admin.messageFlagsAdd('1:*', ['\\Seen']);
    const sink = createMemorySink();
    const result = await poller(mailbox, { sink, cursorStore: createMemoryCursorStore() }).pollOnce();
    expect(result.imported).toBe(2);
  });

  it('after a storage failure and a restart, imports the rest exactly once', async () => {
    const mailbox = await freshMailbox(4);
    const sink = createMemorySink();
    const cursorStore = createMemoryCursorStore();
    const beforeCrash = poller(mailbox, { sink, cursorStore });
    await beforeCrash.pollOnce();
    expect(sink.saved).toHaveLength(4);

    for (let n = 5; n <= 7; n += 1) await admin.append(mailbox, message(n));
    sink.failNext(1);
    const failed = await beforeCrash.pollOnce();
    expect(failed).toMatchObject({ imported: 0, error: 'storage unavailable', cursor: { lastUid: 4 } });

    const afterRestart = poller(mailbox, { sink, cursorStore });
    const resumed = await afterRestart.pollOnce();
    expect(resumed).toMatchObject({ imported: 3, error: null, cursor: { lastUid: 7 } });
    expect(await subjects(sink.saved)).toEqual([1, 2, 3, 4, 5, 6, 7].map((n) => `Question ${n}`));
  });

  it('starts again from the first UID when UIDVALIDITY changes, flagging the messages as a resync', async () => {
    const mailbox = await freshMailbox(2);
    const sink = createMemorySink();
    const cursorStore = createMemoryCursorStore();
    await poller(mailbox, { sink, cursorStore }).pollOnce();
    const before = cursorStore.cursors.get(mailbox);

    // Deleting and recreating a mailbox is how a server (or a migration) hands out a new UIDVALIDITY.
    await admin.mailboxClose();
    await admin.mailboxDelete(mailbox);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await admin.mailboxCreate(mailbox);
    for (let n = 1; n <= 3; n += 1) await admin.append(mailbox, message(n));

    const result = await poller(mailbox, { sink, cursorStore }).pollOnce();
    expect(result.resynced).toBe(true);
    expect(result.cursor.uidValidity).not.toBe(before?.uidValidity);
    expect(result.imported).toBe(3);
    expect(sink.saved.slice(2).every((s) => s.envelope.imap?.resync === true)).toBe(true);
  });
});
