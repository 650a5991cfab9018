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

describe('SMTP intake killed with SIGKILL', () => {
  it('has stored every message it answered 250 to', async () => {
    const server = spawn(process.execPath, ['--import', 'tsx', child, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    const port = await new Promise<number>((resolve, reject) => {
      server.stdout.once('data', (data: Buffer) => resolve(Number(data.toString().trim())));
      server.once('exit', (code) => reject(new Error(`child exited with ${code}`)));
    });

    const accepted: string[] = [];
    const sends = Array.from({ length: 60 }, (_, i) => {
      const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
      const subject = `kill test ${i}`;
      return transport.sendMail({ from: `c${i}@example.com`, to: 'support@shop.example', subject, text: 'x'.repeat(20_000) }).then(() => {
        accepted.push(subject);
        if (accepted.length === 15) server.kill('SIGKILL');
      });
    });
    await Promise.allSettled(sends);
    await new Promise((resolve) => (server.exitCode !== null || server.signalCode !== null ? resolve(null) : server.once('exit', resolve)));

    const stored = new Set<string>();
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.eml'))) {
      const parsed = await parseEmail(readFileSync(join(dir, file)));
      if (parsed.ok) stored.add(parsed.email.subject);
    }
    expect(server.signalCode).toBe('SIGKILL');
    expect(accepted.length).toBeGreaterThanOrEqual(15);
    expect(accepted.length).toBeLessThan(60);
    for (const subject of accepted) expect(stored.has(subject), subject).toBe(true);
  });
});
