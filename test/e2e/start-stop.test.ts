// `kept start` as a user runs it: the bin, the embedded store on disk, SIGTERM, and a restart that finds
// everything where it was left.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/free-port.js';

const token = 'kept_start_stop_admin_token_0123';

interface StartOptions {
  dataDir: string;
  port: number;
  smtpPort: number;
  env?: Record<string, string>;
}

/** `kept start` with its output collected (`output.stdout`, `output.stderr`). */
function spawnKept(options: StartOptions): { child: ChildProcess; output: { stdout: string; stderr: string } } {
  const child = spawn(process.execPath, ['bin/kept.js', 'start'], {
    env: {
      ...process.env,
      KEPT_DATA_DIR: options.dataDir,
      KEPT_PORT: String(options.port),
      KEPT_SMTP_PORT: String(options.smtpPort),
      KEPT_HOST: '127.0.0.1',
      KEPT_ADMIN_TOKEN: token,
      KEPT_LOG_LEVEL: 'warn',
      DATABASE_URL: '',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stdout?.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
  return { child, output };
}

async function startKept(options: StartOptions, spawned = spawnKept(options)): Promise<ChildProcess> {
  const { child } = spawned;
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
  child.kill('SIGKILL');
  throw new Error('kept did not start in time');
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));
}

function listenOn(port: number): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
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
    const again = await (
      await fetch(`http://127.0.0.1:${ports.port}/api/v1/events`, { method: 'POST', headers, body: JSON.stringify({ id: 'restart-1', type: 'order.placed', occurred_at: '2026-12-01T10:00:00Z' }) })
    ).json();
    expect(again).toEqual({ accepted: 0, duplicates: 1 });
    expect(await stop(running)).toBe(0);
    running = undefined;
  });

  it('exits with one line naming the busy port and the variable that moves it', { timeout: 120_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kept-data-'));
    for (const variable of ['KEPT_PORT', 'KEPT_SMTP_PORT'] as const) {
      const ports = { dataDir, port: await freePort(), smtpPort: await freePort() };
      const busy = variable === 'KEPT_PORT' ? ports.port : ports.smtpPort;
      const holder = await listenOn(busy);
      try {
        const { child, output } = spawnKept(ports);
        expect(await exited(child)).toBe(1);
        expect(output.stderr.trim().split('\n')).toEqual([`Kept cannot start: port ${busy} on 127.0.0.1 is in use by another process; set ${variable} to another port.`]);
      } finally {
        holder.close();
      }
    }
  });

  it('exits non-zero with a log line when shutdown passes its deadline', { timeout: 300_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kept-data-'));
    const options = { dataDir, port: await freePort(), smtpPort: await freePort(), env: { KEPT_SHUTDOWN_SECONDS: '2' } };
    const spawned = spawnKept(options);
    running = await startKept(options, spawned);
    // A client that sent its headers and never sends the body it announced: closing waits for its request.
    const stuck = connect(options.port, '127.0.0.1');
    await new Promise((resolve) => stuck.once('connect', resolve));
    stuck.write(`POST /api/v1/events HTTP/1.1\r\nHost: kept\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const stopping = Date.now();
    expect(await stop(running)).toBe(1);
    expect(Date.now() - stopping).toBeLessThan(10_000);
    stuck.destroy();
    running = undefined;
    const lines = spawned.output.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { msg: string; deadline_seconds?: number });
    expect(lines.filter((line) => line.msg === 'shutdown did not finish in time; exiting anyway')).toEqual([expect.objectContaining({ deadline_seconds: 2 })]);
  });

  it("prints the admin token and the first admin's one-time password link once, at the first start", { timeout: 300_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kept-data-'));
    const ports = { dataDir, port: await freePort(), smtpPort: await freePort(), env: { KEPT_ADMIN_TOKEN: '' } };
    const first = spawnKept(ports);
    running = await startKept(ports, first);
    const base = `http://127.0.0.1:${ports.port}`;
    const deadline = Date.now() + 10_000;
    while (!first.output.stdout.includes('set-password') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    const adminToken = /^\s+(kept_admin_\S+)$/m.exec(first.output.stdout)?.[1];
    const link = /^\s+(http\S+#\/set-password\/(\S+))$/m.exec(first.output.stdout);
    expect(adminToken).toBeDefined();
    expect(link?.[1]).toMatch(/^http:\/\/localhost:3000\/#\/set-password\//);
    const setPassword = await fetch(`${base}/api/v1/auth/set-password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: link?.[2], password: 'first admin password' }),
    });
    expect(setPassword.status).toBe(204);
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@kept.local', password: 'first admin password' }),
    });
    expect(login.status).toBe(200);
    expect((await login.json()).agent.role).toBe('admin');
    const me = await fetch(`${base}/api/v1/me`, { headers: { authorization: `Bearer ${adminToken}` } });
    expect(me.status).toBe(200);
    expect(await stop(running)).toBe(0);

    const second = spawnKept(ports);
    running = await startKept(ports, second);
    expect(await stop(running)).toBe(0);
    running = undefined;
    expect(second.output.stdout).not.toMatch(/kept_admin_|set-password/);
  });
});
