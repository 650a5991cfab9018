// IMAP polling configured in kept.config.yaml, against a private Dovecot: mail in the mailbox becomes
// messages on cases, the cursor lives in the store, and a restarted Kept neither re-imports nor skips.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { startPrivateDovecot, type PrivateDovecot } from '../../src/channels/email/fixtures/private-dovecot.js';
import { storeKinds } from '../helpers/stores.js';
import { adminToken, createTestKept, testStart } from '../helpers/test-app.js';

let server: PrivateDovecot;
let admin: ImapFlow;
const dir = mkdtempSync(join(tmpdir(), 'kept-imap-config-'));

function mail(n: number, mailbox: string): string {
  return [
    `From: Ola ${n} <ola${n}.${mailbox.toLowerCase()}@example.com>`,
    'To: support@kept.local',
    `Subject: Mailbox question ${n}`,
    `Message-ID: <imap-${mailbox}-${n}@example.com>`,
    'Date: Tue, 01 Dec 2026 08:00:00 +0000',
    '',
    `Question ${n}`,
    '',
  ].join('\r\n');
}

describe('IMAP polling from kept.config.yaml', () => {
  beforeAll(async () => {
    server = await startPrivateDovecot();
    admin = new ImapFlow({ host: '127.0.0.1', port: server.port, secure: false, auth: { user: server.user, pass: server.password }, logger: false });
    await admin.connect();
    process.env['KEPT_TEST_IMAP_PASSWORD'] = server.password;
  }, 180_000);

  afterAll(async () => {
    await admin?.logout().catch(() => undefined);
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(storeKinds)(
    'on %s: imports new mail once, and a restart neither re-imports nor skips',
    async (storeKind) => {
      const mailbox = `Kept${storeKind}`;
      await admin.mailboxCreate(mailbox);
      await admin.append(mailbox, mail(1, mailbox));
      await admin.append(mailbox, mail(2, mailbox));
      const configPath = join(dir, `${storeKind}.yaml`);
      writeFileSync(
        configPath,
        [
          'channels:',
          '  email:',
          '    imap:',
          '      - host: 127.0.0.1',
          `        port: ${server.port}`,
          '        secure: false',
          `        user: ${server.user}`,
          '        password_env: KEPT_TEST_IMAP_PASSWORD',
          `        mailbox: ${mailbox}`,
          '        verify_tls: false',
          '',
        ].join('\n'),
      );
      const kept = await createTestKept({ store: storeKind, env: { KEPT_CONFIG: configPath } });
      try {
        expect(await kept.channels.email.pollMailboxes()).toBe(2);
        expect(await kept.channels.email.pollMailboxes()).toBe(0);
        const subjects = async () => (await kept.store.db.selectFrom('messages').select('subject').where('channel', '=', 'email').where('direction', '=', 'in').execute()).map((m) => m.subject).sort();
        expect(await subjects()).toEqual(['Mailbox question 1', 'Mailbox question 2']);

        // A second Kept on the same store: the cursor is where the first left it.
        await kept.channels.stop();
        const config = loadConfig({ KEPT_CLOCK: 'manual', KEPT_ADMIN_TOKEN: adminToken, KEPT_LOG_LEVEL: 'silent', KEPT_CONFIG: configPath });
        const restarted = await buildApp({ config, store: kept.store, clockStart: testStart });
        await admin.append(mailbox, mail(3, mailbox));
        expect(await restarted.channels.email.pollMailboxes()).toBe(1);
        expect(await subjects()).toEqual(['Mailbox question 1', 'Mailbox question 2', 'Mailbox question 3']);
        await restarted.channels.stop();
        await restarted.app.close();
        const cursor = await kept.store.db.selectFrom('imap_cursors').selectAll().executeTakeFirstOrThrow();
        expect(Number(cursor.last_uid)).toBe(3);
      } finally {
        await kept.close();
      }
    },
    120_000,
  );
});
