// `kept start` as a user runs it: the bin, the embedded store on disk, SIGTERM, and a restart that finds
// everything where it was left.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/free-port.js';

const token = 'kept_start_stop_admin_token_0123';


async function startKept(options: { dataDir: string; port: number; smtpPort: number }): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['bin/kept.js', 'start'], {
    env: { ...process.env, KEPT_DATA_DIR: options.dataDir, KEPT_PORT: String(options.port), KEPT_SMTP_PORT: String(options.smtpPort), KEPT_HOST: '127.0.0.1', KEPT_ADMIN_TOKEN: token, KEPT_LOG_LEVEL: 'warn', DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const deadline = Date.now() + 240_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`kept exited with ${child.exitCode}`);
    try {
      const response = await fetch(`http://127.0.0.1:${options.port}/api/v1/health`);
      if (response.ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('kept did not start in time');
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

describe('kept start', () => {
  let running: ChildProcess | undefined;
  afterEach(() => {
    running?.kill('SIGKILL');
  });

  it('stops cleanly on SIGTERM and finds its data again after a restart', { timeout: 300_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kept-data-'));
    const ports = { dataDir, port: await freePort(), smtpPort: await freePort() };
    running = await startKept(ports);
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const posted = await fetch(`http://127.0.0.1:${ports.port}/api/v1/events`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ id: 'restart-1', type: 'order.placed', occurred_at: '2026-12-01T10:00:00Z', customer: { email: 'persist@example.com' }, order: { id: 'P-1' } }),
    });
    expect(posted.status).toBe(202);
    expect(await stop(running)).toBe(0);

    running = await startKept(ports);
    const found = await (await fetch(`http://127.0.0.1:${ports.port}/api/v1/customers?email=persist@example.com`, { headers })).json();
    expect(found.items).toHaveLength(1);
    const again = await (await fetch(`http://127.0.0.1:${ports.port}/api/v1/events`, { method: 'POST', headers, body: JSON.stringify({ id: 'restart-1', type: 'order.placed', occurred_at: '2026-12-01T10:00:00Z' }) })).json();
    expect(again).toEqual({ accepted: 0, duplicates: 1 });
    expect(await stop(running)).toBe(0);
    running = undefined;
  });
});
