// Resident memory of a real `kept start` process with a million open commitments (SPEC §5: < 500 MB),
// on the embedded store (PGlite on disk, in the process) and on a PostgreSQL server, each beside the same
// process started on an empty store in the same run. The commitments and their breach timers are written
// straight into the store, due over the next 30 days, so the scheduler, the metrics and the console's reads
// meet them as they would after months of use.
// Run: npm run bench:memory [-- --commitments 1000000 --seconds 30 --stores pglite,postgres]
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { seedDueCommitments } from '../test/helpers/seed-commitments.js';
import { openBenchStore, serverVersion, type BenchStoreKind } from './lib/bench-store.js';
import { describeMachine } from './lib/machine.js';
import { round } from './lib/measure.js';
import { writeBenchResult, type BenchFigure } from './lib/results.js';
import { freePort } from '../test/helpers/free-port.js';

const { values } = parseArgs({
  options: {
    commitments: { type: 'string', default: '1000000' },
    seconds: { type: 'string', default: '30' },
    stores: { type: 'string', default: 'pglite,postgres' },
  },
});
const commitments = Number(values.commitments);
const seconds = Number(values.seconds);
const stores = values.stores.split(',').map((kind) => kind.trim()) as BenchStoreKind[];
const token = 'kept_bench_admin_token_0123456789';
const keptBin = fileURLToPath(new URL('../bin/kept.js', import.meta.url));

// The process measured is the one `npm start` runs: the compiled server in dist/, built as prestart builds it.
const built = spawnSync(process.execPath, [fileURLToPath(new URL('../scripts/build-server.mjs', import.meta.url))], { stdio: 'inherit' });
if (built.status !== 0) throw new Error('building dist/ failed');


/** The kernel's count of a process's resident pages (Linux), in MB. */
function residentMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((entry) => entry.startsWith('VmRSS:'));
  return line ? Number(line.replace(/\D+/g, '')) / 1024 : Number.NaN;
}

interface Run {
  peakMb: number;
  settledMb: number;
  openCommitments: number;
}

/** Starts `kept start` on the store, reads the case list and metrics for `seconds`, and samples its RSS. */
async function runKept(location: { dataDir?: string; databaseUrl?: string }): Promise<Run> {
  const port = await freePort();
  const env = {
    ...process.env,
    KEPT_PORT: String(port),
    KEPT_SMTP_PORT: String(await freePort()),
    KEPT_HOST: '127.0.0.1',
    KEPT_ADMIN_TOKEN: token,
    KEPT_LOG_LEVEL: 'warn',
    KEPT_DATA_DIR: location.dataDir ?? '',
    DATABASE_URL: location.databaseUrl ?? '',
  };
  const child = spawn(process.execPath, [keptBin, 'start'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  const headers = { authorization: `Bearer ${token}` };
  try {
    const startBy = Date.now() + 120_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`kept start exited with ${child.exitCode}`);
      if (Date.now() > startBy) throw new Error('kept start did not answer within 2 minutes');
      const ok = await fetch(`${base}/api/v1/health`).then((response) => response.ok, () => false);
      if (ok) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    let peakMb = residentMb(child.pid!);
    const until = Date.now() + seconds * 1000;
    let openCommitments = 0;
    while (Date.now() < until) {
      const metrics = await (await fetch(`${base}/metrics`, { headers })).text();
      openCommitments = metrics
        .split('\n')
        .filter((line) => line.startsWith('kept_commitments_open{'))
        .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
      await fetch(`${base}/api/v1/commitments?state=open&limit=100`, { headers }).then((response) => response.arrayBuffer());
      await fetch(`${base}/api/v1/cases?queue=breached`, { headers }).then((response) => response.arrayBuffer());
      peakMb = Math.max(peakMb, residentMb(child.pid!));
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    return { peakMb: round(peakMb, 1), settledMb: round(residentMb(child.pid!), 1), openCommitments };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

async function measure(kind: BenchStoreKind): Promise<{ figure: BenchFigure; raw: Record<string, unknown> }> {
  const run = async (count: number): Promise<Run> => {
    const bench = await openBenchStore({ kind });
    try {
      if (count > 0) {
        // Due from an hour from now over 30 days: none falls due during the run.
        await seedDueCommitments(bench.store.db, { count, prefix: 'm_', firstDueAt: new Date(Date.now() + 3_600_000), spacingMs: Math.floor((30 * 86_400_000) / count) });
        await sql`analyze`.execute(bench.store.db);
      }
      // The process opens the store itself, as a user's would; this one lets go of it first.
      await bench.store.close();
      return await runKept(bench.connection);
    } finally {
      await bench.remove();
    }
  };
  process.stderr.write(`memory bench (${kind}): empty store…\n`);
  const empty = await run(0);
  process.stderr.write(`memory bench (${kind}): ${commitments.toLocaleString('en')} open commitments…\n`);
  const full = await run(commitments);
  if (full.openCommitments < commitments) throw new Error(`${kind}: metrics counted ${full.openCommitments} open commitments, expected ${commitments}`);
  const storeName = kind === 'pglite' ? 'embedded store (PGlite in the process)' : 'local PostgreSQL server';
  return {
    figure: {
      spec: 'memory',
      label: `Resident memory of kept start, ${(commitments / 1e6).toLocaleString('en')}M open commitments, ${storeName}`,
      value: full.peakMb,
      unit: 'MB',
      target: '< 500 MB',
      meetsTarget: full.peakMb < 500,
      baseline: { label: 'the same process on an empty store, same run', value: empty.peakMb, unit: 'MB' },
      ratio: round(full.peakMb / empty.peakMb, 2),
      detail: `peak over ${seconds} s of metrics and list reads; ${full.settledMb} MB at the end (empty store: ${empty.settledMb} MB)`,
    },
    raw: { kind, empty, full },
  };
}

const results = [];
for (const kind of stores) results.push(await measure(kind));
const postgres = stores.includes('postgres') ? await serverVersion() : undefined;
const file = writeBenchResult({
  bench: 'memory',
  title: 'Memory of a running Kept with a million open commitments',
  ranAt: new Date().toISOString(),
  machine: describeMachine(),
  ...(postgres ? { postgres } : {}),
  parameters: { commitments, seconds, stores, loadAverage: round(loadavg()[0] ?? 0, 1) },
  figures: results.map((result) => result.figure),
  notes: ['RSS is the kernel\'s VmRSS of the `kept start` process (the compiled server in dist/, as `npm start` runs it); on the embedded store it includes PGlite\'s WebAssembly heap.'],
  raw: results.map((result) => result.raw),
});
console.table(results.map(({ figure }) => ({ store: figure.label, MB: figure.value, empty: figure.baseline?.value, ratio: figure.ratio })));
process.stderr.write(`wrote ${file.pathname.split('/').slice(-2).join('/')}\n`);
