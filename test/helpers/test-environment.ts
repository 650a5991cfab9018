// Run once before the suite: the PostgreSQL server must answer (one clear failure naming
// KEPT_TEST_DATABASE_URL instead of every store test failing on its own), and every temporary folder the
// tests make goes under one folder of this run (TMPDIR), removed when the run ends.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestServer } from './postgres-server.js';

export default async function setup(): Promise<() => void> {
  await onTestServer('select 1');
  const root = mkdtempSync(join(tmpdir(), 'kept-test-run-'));
  // Readable by the private Dovecot's and Chromium's own users.
  chmodSync(root, 0o755);
  const previous = process.env['TMPDIR'];
  process.env['TMPDIR'] = root;
  return () => {
    if (previous === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = previous;
    rmSync(root, { recursive: true, force: true });
  };
}
