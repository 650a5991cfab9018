// A full disk under the embedded store: Kept refuses writes at once (507 and one log line), keeps answering
// reads and health (which names the free space), stops on SIGTERM, and takes writes again by itself when
// space returns. Runs `kept start` on a small file system (a tmpfs mounted for the test: needs root, as CI is).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/free-port.js';

const token = 'kept_full_disk_admin_token_012345';
const mb = 1_048_576;

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (this test mounts a small tmpfs and needs root): ${result.stderr || result.error?.message}`);
}

/** Fills the file system until `leaveBytes` are free (whole megabytes). */
function fill(file: string, leaveBytes: number): void {
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(mb, 1);
  try {
    while (true) {
      const stats = statfsSync(file);
      if (stats.bavail * stats.bsize - mb <= leaveBytes) break;
      writeSync(fd, chunk);
    }
  } finally {
    closeSync(fd);
  }
}

describe('kept start on a file system that fills up', () => {
  const mountPoint = mkdtempSync(join(tmpdir(), 'kept-small-fs-'));
  let kept: ChildProcess | undefined;
  let logs = '';
  beforeAll(() => run('mount', ['-t', 'tmpfs', '-o', 'size=200m', 'kept-test', mountPoint]));
  afterAll(() => {
    kept?.kill('SIGKILL');
    spawnSync('umount', ['-l', mountPoint]);
    rmSync(mountPoint, { recursive: true, force: true });
  });

  it('refuses writes with 507 while reads and health answer, resumes when space returns, and stops on SIGTERM', { timeout: 300_000 }, async () => {
    const dataDir = join(mountPoint, 'data');
    mkdirSync(dataDir);
    const port = await freePort();
    kept = spawn(process.execPath, ['bin/kept.js', 'start'], {
      env: {
        ...process.env,
        KEPT_DATA_DIR: dataDir,
        KEPT_PORT: String(port),
        KEPT_SMTP_PORT: String(await freePort()),
        KEPT_HOST: '127.0.0.1',
        KEPT_ADMIN_TOKEN: token,
        KEPT_LOG_LEVEL: 'info',
        KEPT_MIN_FREE_MB: '40',
        KEPT_SHUTDOWN_SECONDS: '10',
        DATABASE_URL: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    kept.stdout?.on('data', (chunk: Buffer) => (logs += chunk.toString()));
    const base = `http://127.0.0.1:${port}`;
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const post = (id: string) =>
      fetch(`${base}/api/v1/events`, { method: 'POST', headers, body: JSON.stringify({ id, type: 'order.placed', customer: { email: `${id}@example.com` }, order: { id } }) });
    const deadline = Date.now() + 240_000;
    while (
      !(await fetch(`${base}/api/v1/health`)
        .then((response) => response.ok)
        .catch(() => false))
    ) {
      if (kept.exitCode !== null || Date.now() > deadline) throw new Error(`kept did not start: ${logs}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect((await post('before-full')).status).toBe(202);

    const filler = join(mountPoint, 'filler');
    fill(filler, 20 * mb);
    const refusedAt = Date.now();
    // Kept reads the free space at most every 250 ms: a write in that window may still be taken.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const refused = await post('while-full');
    expect(Date.now() - refusedAt).toBeLessThan(2_000);
    expect(refused.status).toBe(507);
    const problem = (await refused.json()) as { title: string; detail: string; free_bytes: number };
    expect(problem.title).toBe('Insufficient storage');
    expect(problem.detail).toMatch(/MB free .*KEPT_MIN_FREE_MB/);
    expect((await post('while-full-again')).status).toBe(507);

    const read = await fetch(`${base}/api/v1/customers?email=before-full@example.com`, { headers });
    expect(read.status).toBe(200);
    expect(((await read.json()) as { items: unknown[] }).items).toHaveLength(1);
    const health = await fetch(`${base}/api/v1/health`);
    expect(health.status).toBe(503);
    const report = (await health.json()) as { status: string; parts: { store: { status: string; writable: boolean; free_bytes: number } } };
    expect(report.status).toBe('failing');
    expect(report.parts.store).toMatchObject({ status: 'failing', writable: false });
    expect(report.parts.store.free_bytes).toBeLessThan(40 * mb);

    rmSync(filler);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await post('after-space-returned')).status).toBe(202);
    expect((await fetch(`${base}/api/v1/health`)).status).toBe(200);
    // Log lines reach stdout in batches, at the latest 200 ms after they are written.
    const logged = (msg: string) =>
      logs
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .filter((line) => (JSON.parse(line) as { msg: string }).msg === msg).length;
    const logDeadline = Date.now() + 5_000;
    while (logged('the store takes writes again') === 0 && Date.now() < logDeadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(logged('the store cannot take writes; refusing them until it can')).toBe(1);
    expect(logged('the store takes writes again')).toBe(1);

    // Full again, then SIGTERM: the process ends.
    fill(filler, 20 * mb);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await post('full-at-stop')).status).toBe(507);
    const exit = new Promise<number | null>((resolve) => kept?.once('exit', (code) => resolve(code)));
    const stopping = Date.now();
    kept.kill('SIGTERM');
    await exit;
    expect(Date.now() - stopping).toBeLessThan(15_000);
    kept = undefined;
  });
});
