import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import nodemailer from 'nodemailer';
import { parseEmail } from './parse-email.js';

const child = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'sigkill-intake-child.ts');
const dir = mkdtempSync(join(tmpdir(), 'kept-sigkill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const senders = 4;
const killAfter = 15;
// A bound on the whole test's traffic; a sender that reaches it has outlived the kill.
const maxPerSender = 100;

describe('SMTP intake killed with SIGKILL', () => {
  it('has stored every message it answered 250 to', async () => {
    const server = spawn(process.execPath, ['--import', 'tsx', child, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    const port = await new Promise<number>((resolve, reject) => {
      server.stdout.once('data', (data: Buffer) => resolve(Number(data.toString().trim())));
      server.once('exit', (code) => reject(new Error(`child exited with ${code}`)));
    });

    // Each sender keeps sending, one message after another, until the server is gone: the kill
    // lands while mail is still arriving however fast the machine answers.
    const accepted: string[] = [];
    const refused: string[] = [];
    const send = async (sender: number) => {
      const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
      for (let i = 0; i < maxPerSender; i++) {
        const subject = `kill test ${sender}-${i}`;
        try {
          await transport.sendMail({ from: `c${sender}@example.com`, to: 'support@shop.example', subject, text: 'x'.repeat(20_000) });
        } catch {
          refused.push(subject);
          return;
        }
        accepted.push(subject);
        if (accepted.length === killAfter) server.kill('SIGKILL');
      }
    };
    await Promise.all(Array.from({ length: senders }, (_, sender) => send(sender)));
    await new Promise((resolve) => (server.exitCode !== null || server.signalCode !== null ? resolve(null) : server.once('exit', resolve)));

    const stored = new Set<string>();
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.eml'))) {
      const parsed = await parseEmail(readFileSync(join(dir, file)));
      if (parsed.ok) stored.add(parsed.email.subject);
    }
    expect(server.signalCode).toBe('SIGKILL');
    // Every sender was cut off by the kill, each on exactly one message.
    expect(refused).toHaveLength(senders);
    expect(accepted.length).toBeGreaterThanOrEqual(killAfter);
    for (const subject of accepted) expect(stored.has(subject), subject).toBe(true);
  });
});
