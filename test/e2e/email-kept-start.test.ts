// `kept start` as a user runs it: the SMTP intake listens on KEPT_SMTP_PORT, a message sent to it becomes
// a case (real clock, worker in the background), and SIGTERM closes SMTP with the rest.
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { createTestStore } from '../helpers/stores.js';
import { freePort } from '../helpers/free-port.js';

const token = 'kept_email_start_admin_token_0123';

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function until<T>(probe: () => Promise<T | undefined>, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('kept start with email', () => {
  it('receives mail on KEPT_SMTP_PORT into a case and closes SMTP on SIGTERM', async () => {
    const store = await createTestStore('postgres');
    const [port, smtpPort] = [await freePort(), await freePort()];
    const child = spawn(process.execPath, ['bin/kept.js', 'start'], {
      env: { ...process.env, DATABASE_URL: store.databaseUrl!, KEPT_PORT: String(port), KEPT_SMTP_PORT: String(smtpPort), KEPT_HOST: '127.0.0.1', KEPT_ADMIN_TOKEN: token, KEPT_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    try {
      await until(async () => ((await fetch(`http://127.0.0.1:${port}/api/v1/health`)).ok ? true : undefined), 240_000);
      const smtp = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true });
      await smtp.sendMail({ from: 'nina@example.com', to: 'support@kept.local', subject: 'Started', text: 'Is anyone there?' });
      smtp.close();
      const headers = { authorization: `Bearer ${token}` };
      const caseItem = await until(async () => {
        const customers = (await (await fetch(`http://127.0.0.1:${port}/api/v1/customers?email=nina@example.com`, { headers })).json()) as { items: { id: string }[] };
        const id = customers.items[0]?.id;
        if (!id) return undefined;
        const cases = (await (await fetch(`http://127.0.0.1:${port}/api/v1/cases?customer_id=${id}`, { headers })).json()) as { items: { subject: string; channels: string[] }[] };
        return cases.items[0];
      }, 30_000);
      expect(caseItem).toMatchObject({ subject: 'Started', channels: ['email'] });

      child.kill('SIGTERM');
      const code = await new Promise((resolve) => child.once('exit', resolve));
      expect(code).toBe(0);
      expect(await accepts(smtpPort)).toBe(false);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await store.close();
    }
  }, 300_000);
});
