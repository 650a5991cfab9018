// Intake under load and under a crash: 100 concurrent SMTP sessions lose nothing, and a process killed
// with SIGKILL mid-intake has stored every message it answered 250 to — in the real store.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { createStore } from '../../src/db/create-db.js';
import { parseEmail } from '../../src/channels/email/parse-email.js';
import { createTestStore, storeKinds } from '../helpers/stores.js';
import { createTestKept } from '../helpers/test-app.js';

const childScript = join(import.meta.dirname, '..', 'helpers', 'smtp-intake-child.ts');

describe.each(storeKinds)('email intake on %s', (storeKind) => {
  it('100 concurrent SMTP sessions: every message is stored and lands on a case', async () => {
    const kept = await createTestKept({ store: storeKind });
    try {
      const { smtpPort } = await kept.channels.start({ smtpPort: 0, smtpHost: '127.0.0.1' });
      const results = await Promise.allSettled(
        Array.from({ length: 100 }, (_, i) => {
          const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true });
          return transport.sendMail({ from: `load${i}@example.com`, to: 'support@kept.local', subject: `load ${i}`, text: `message number ${i}` }).finally(() => transport.close());
        }),
      );
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      await kept.channels.email.worker.processPending();
      const stored = await kept.store.db.selectFrom('inbound_mail').select(['state']).execute();
      expect(stored).toHaveLength(100);
      expect(stored.every((row) => row.state === 'processed')).toBe(true);
      const messages = await kept.store.db.selectFrom('messages').select(['subject', 'case_id']).where('channel', '=', 'email').where('direction', '=', 'in').execute();
      expect(new Set(messages.map((m) => m.subject))).toEqual(new Set(Array.from({ length: 100 }, (_, i) => `load ${i}`)));
      expect(messages.every((m) => m.case_id !== null)).toBe(true);
    } finally {
      await kept.close();
    }
  }, 120_000);

  it('SIGKILL during intake loses no message that was answered 250', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kept-sigkill-store-'));
    const serverStore = storeKind === 'postgres' ? await createTestStore('postgres') : undefined;
    try {
      const target = serverStore?.databaseUrl ?? join(dataDir, 'db');
      const child = spawn(process.execPath, ['--import', 'tsx', childScript, target], { stdio: ['ignore', 'pipe', 'inherit'] });
      const port = await new Promise<number>((resolve, reject) => {
        child.stdout.once('data', (data: Buffer) => resolve(Number(data.toString().trim())));
        child.once('exit', (code) => reject(new Error(`intake child exited with ${code}`)));
      });
      const accepted: string[] = [];
      const sends = Array.from({ length: 60 }, (_, i) => {
        const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
        const subject = `kill test ${i}`;
        return transport
          .sendMail({ from: `k${i}@example.com`, to: 'support@kept.local', subject, text: 'x'.repeat(20_000) })
          .then(() => {
            accepted.push(subject);
            if (accepted.length === 15) child.kill('SIGKILL');
          })
          .finally(() => transport.close());
      });
      await Promise.allSettled(sends);
      await new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.once('exit', resolve)));
      expect(child.signalCode).toBe('SIGKILL');
      expect(accepted.length).toBeGreaterThanOrEqual(15);
      expect(accepted.length).toBeLessThan(60);

      const store = serverStore ?? (await createStore({ dataDir: target }));
      try {
        const rows = await store.db.selectFrom('inbound_mail').select(['raw']).execute();
        const subjects = new Set<string>();
        for (const row of rows) {
          const parsed = await parseEmail(Buffer.from(row.raw));
          if (parsed.ok) subjects.add(parsed.email.subject);
        }
        for (const subject of accepted) expect(subjects.has(subject), subject).toBe(true);
      } finally {
        if (!serverStore) await store.close();
      }
    } finally {
      await serverStore?.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});
