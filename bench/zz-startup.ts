import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createStore } from '../src/db/create-db.js';
import { seedRealCommitments } from './lib/real-commitments.js';
import { freePort } from '../test/helpers/free-port.js';
const target = Number(process.argv[2] ?? 200000);
const dataDir = mkdtempSync('/tmp/kept-startup-');
const store = await createStore({ dataDir });
console.log(await seedRealCommitments({ store, dataDir, sampleEvents: 2000, target, seed: 17 }));
await store.close();
const port = await freePort();
const child = spawn(process.execPath, ['--cpu-prof', '--cpu-prof-dir=/tmp/kept-prof', 'bin/kept.js', 'start'], { env: { ...process.env, KEPT_PORT: String(port), KEPT_SMTP_PORT: String(await freePort()), KEPT_HOST: '127.0.0.1', KEPT_ADMIN_TOKEN: 'kept_bench_admin_token_0123456789', KEPT_LOG_LEVEL: 'warn', KEPT_DATA_DIR: dataDir }, stdio: ['ignore', 'inherit', 'inherit'] });
const t0 = Date.now();
for (;;) {
  const ok = await fetch(`http://127.0.0.1:${port}/api/v1/health`).then((r) => r.ok, () => false);
  if (ok || Date.now() - t0 > 150_000) { console.log('health', ok, (Date.now() - t0) / 1000, 's'); break; }
  await new Promise((r) => setTimeout(r, 500));
}
child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
rmSync(dataDir, { recursive: true, force: true });
