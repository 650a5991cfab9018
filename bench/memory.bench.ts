// Resident memory of a real `kept start` process with a million open commitments (SPEC §5: < 500 MB), on the
// embedded store (PGlite on disk, in the process) and on a PostgreSQL server, each beside the same process
// started on an empty store in the same run. The commitments belong to real customers and cases: a sample of
// the bench's event stream is ingested through Kept and copied set-based (bench/lib/real-commitments.ts).
// While it is measured, some fall due every second, so breaches, escalations and fallbacks run as they would.
// It also times /metrics (the counts the store keeps) beside the full COUNT it replaced, on the same store.
// Run: npm run bench:memory [-- --commitments 1000000 --seconds 60 --due-per-second 20 --stores pglite,postgres]
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { countCommitments, readCommitmentCounts } from '../src/features/commitments/commitment-counts.repo.js';
import { openBenchStore, serverVersion, type BenchStoreKind } from './lib/bench-store.js';
import { describeMachine } from './lib/machine.js';
import { percentile, round } from './lib/measure.js';
import { scheduleDueDuringRun, seedRealCommitments, type RealCommitments } from './lib/real-commitments.js';
import { writeBenchResult, type BenchFigure } from './lib/results.js';
import { freePort } from '../test/helpers/free-port.js';

const { values } = parseArgs({
  options: {
    commitments: { type: 'string', default: '1000000' },
    seconds: { type: 'string', default: '60' },
    'due-per-second': { type: 'string', default: '20' },
    'sample-events': { type: 'string', default: '2000' },
    stores: { type: 'string', default: 'pglite,postgres' },
  },
});
const commitments = Number(values.commitments);
const seconds = Number(values.seconds);
const duePerSecond = Number(values['due-per-second']);
const sampleEvents = Number(values['sample-events']);
// The process takes a few seconds to open a large store: the first commitments fall due once it is up.
const startupMs = 5_000;
const stores = values.stores.split(',').map((kind) => kind.trim()) as BenchStoreKind[];
const token = 'kept_bench_admin_token_0123456789';
const keptBin = fileURLToPath(new URL('../bin/kept.js', import.meta.url));

// The process measured is the one `npm start` runs: the compiled server in dist/, built as prestart builds it.
const built = spawnSync(process.execPath, [fileURLToPath(new URL('../scripts/build-server.mjs', import.meta.url))], { stdio: 'inherit' });
if (built.status !== 0) throw new Error('building dist/ failed');

/** The kernel's count of a process's resident pages (Linux), in MB. */
function residentMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('VmRSS:'));
  return line ? Number(line.replace(/\D+/g, '')) / 1024 : Number.NaN;
}

interface Run {
  /** From spawning `kept start` to its first answer on /api/v1/health. */
  startSeconds: number;
  peakMb: number;
  settledMb: number;
  /** Peak V8 heap in use (nodejs_heap_size_used_bytes); PGlite's WebAssembly memory is outside it. */
  peakHeapMb: number;
  openCommitments: number;
  /** What the commitment gauges counted at the first and at the last scrape. */
  gauges: { first: Gauges; last: Gauges };
  /** How long each /metrics scrape took, ms. */
  scrapeMs: { p50: number; max: number; count: number };
}

interface Gauges {
  open: number;
  breached: number;
  kept: number;
}

/** The sum of one metric's series in a Prometheus text page. */
function metricSum(page: string, name: string): number {
  return page
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
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
    const started = Date.now();
    for (;;) {
      if (child.exitCode !== null) throw new Error(`kept start exited with ${child.exitCode}`);
      if (Date.now() > started + 300_000) throw new Error('kept start did not answer within 5 minutes');
      const ok = await fetch(`${base}/api/v1/health`).then(
        (response) => response.ok,
        () => false,
      );
      if (ok) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const startSeconds = round((Date.now() - started) / 1000, 1);
    let peakMb = residentMb(child.pid!);
    let peakHeapMb = 0;
    const until = Date.now() + seconds * 1000;
    let first: Gauges | undefined;
    let last: Gauges = { open: 0, breached: 0, kept: 0 };
    const scrapes: number[] = [];
    while (Date.now() < until) {
      const scrapeStarted = performance.now();
      const metrics = await (await fetch(`${base}/metrics`, { headers })).text();
      scrapes.push(performance.now() - scrapeStarted);
      last = { open: metricSum(metrics, 'kept_commitments_open'), breached: metricSum(metrics, 'kept_commitments_breached'), kept: metricSum(metrics, 'kept_commitments_kept') };
      first ??= last;
      peakHeapMb = Math.max(peakHeapMb, metricSum(metrics, 'nodejs_heap_size_used_bytes') / 1024 / 1024);
      await fetch(`${base}/api/v1/commitments?state=open&limit=100`, { headers }).then((response) => response.arrayBuffer());
      await fetch(`${base}/api/v1/cases?queue=breached`, { headers }).then((response) => response.arrayBuffer());
      peakMb = Math.max(peakMb, residentMb(child.pid!));
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    return {
      startSeconds,
      peakMb: round(peakMb, 1),
      settledMb: round(residentMb(child.pid!), 1),
      peakHeapMb: round(peakHeapMb, 1),
      openCommitments: last.open,
      gauges: { first: first ?? last, last },
      scrapeMs: { p50: round(percentile(scrapes, 0.5), 1), max: round(Math.max(...scrapes), 1), count: scrapes.length },
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

/** The store's kept counts beside the full COUNT they replaced: median of three reads each, ms. */
async function timeCounts(db: Parameters<typeof countCommitments>[0]): Promise<{ keptMs: number; countMs: number }> {
  const time = async (read: () => Promise<unknown>) => {
    const took: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const started = performance.now();
      await read();
      took.push(performance.now() - started);
    }
    return round(percentile(took, 0.5), 1);
  };
  return { keptMs: await time(() => readCommitmentCounts(db)), countMs: await time(() => countCommitments(db)) };
}

async function measure(kind: BenchStoreKind): Promise<{ figures: BenchFigure[]; raw: Record<string, unknown> }> {
  const storeName = kind === 'pglite' ? 'embedded store (PGlite in the process)' : 'local PostgreSQL server';
  process.stderr.write(`memory bench (${kind}): empty store…\n`);
  const emptyStore = await openBenchStore({ kind });
  await emptyStore.store.close();
  const empty = await runKept(emptyStore.connection).finally(() => emptyStore.remove());

  process.stderr.write(`memory bench (${kind}): ${sampleEvents} events through Kept, copied to ${commitments.toLocaleString('en')} open commitments…\n`);
  const bench = await openBenchStore({ kind });
  let seeded: RealCommitments;
  let counts: { keptMs: number; countMs: number };
  let full: Run;
  try {
    const dataDir = 'dataDir' in bench.connection ? bench.connection.dataDir : 'memory://';
    seeded = await seedRealCommitments({ store: bench.store, dataDir, sampleEvents, target: commitments, seed: 17 });
    process.stderr.write(`memory bench (${kind}): ${JSON.stringify(seeded)}\n`);
    counts = await timeCounts(bench.store.db);
    const due = duePerSecond * seconds;
    await scheduleDueDuringRun(bench.store.db, { count: due, from: new Date(Date.now() + startupMs), spacingMs: 1000 / duePerSecond });
    // The process opens the store itself, as a user's would; this one lets go of it first.
    await bench.store.close();
    full = await runKept(bench.connection);
  } finally {
    await bench.remove();
  }
  const { first, last } = full.gauges;
  const breachedDuring = last.breached - first.breached;
  const keptDuring = last.kept - first.kept;
  // Some fall due (or their fallback keeps them) before the first scrape; most must still be open then.
  if (first.open < seeded.open * 0.9) throw new Error(`${kind}: metrics counted ${first.open} open commitments at the first scrape, seeded ${seeded.open}`);
  const size = `${(seeded.open / 1e6).toLocaleString('en', { maximumFractionDigits: 2 })}M`;
  return {
    figures: [
      {
        spec: 'memory',
        label: `Resident memory of kept start, ${size} open commitments of ${seeded.cases.toLocaleString('en')} cases, ${storeName}`,
        value: full.peakMb,
        unit: 'MB',
        target: '< 500 MB',
        meetsTarget: full.peakMb < 500,
        baseline: { label: 'the same process on an empty store, same run', value: empty.peakMb, unit: 'MB' },
        ratio: round(full.peakMb / empty.peakMb, 2),
        detail: `peak over ${seconds} s of metrics and list reads while commitments fell due (${breachedDuring.toLocaleString('en')} breached, ${keptDuring.toLocaleString('en')} kept by their fallback; ${(first.open - last.open).toLocaleString('en')} fewer open); ${full.settledMb} MB at the end; answered ${full.startSeconds} s after it was started (empty store: ${empty.startSeconds} s); V8 heap peak ${full.peakHeapMb} MB (empty store: ${empty.peakMb} MB RSS, heap ${empty.peakHeapMb} MB)`,
      },
      {
        label: `/metrics commitment gauges at ${size} open commitments, ${storeName}: the store's kept counts`,
        value: counts.keptMs,
        unit: 'ms',
        baseline: { label: 'the full COUNT … GROUP BY it replaced, same store, same run', value: counts.countMs, unit: 'ms' },
        ratio: round(counts.keptMs / counts.countMs, 4),
        detail: `median of 3 reads each in the bench process; whole /metrics scrapes of the running process: p50 ${full.scrapeMs.p50} ms, max ${full.scrapeMs.max} ms over ${full.scrapeMs.count}`,
      },
    ],
    raw: { kind, empty, full, seeded, counts },
  };
}

const results = [];
// A store that fails is reported as such; the other's figures are still written.
const failures: string[] = [];
for (const kind of stores) {
  try {
    results.push(await measure(kind));
  } catch (error) {
    failures.push(`${kind}: ${(error as Error).message}`);
    process.stderr.write(`memory bench (${kind}) failed: ${(error as Error).stack}\n`);
  }
}
const postgres = stores.includes('postgres') ? await serverVersion() : undefined;
const file = writeBenchResult({
  bench: 'memory',
  title: 'Memory of a running Kept with a million open commitments',
  ranAt: new Date().toISOString(),
  machine: describeMachine(),
  ...(postgres ? { postgres } : {}),
  parameters: { commitments, seconds, duePerSecond, sampleEvents, stores, loadAverage: round(loadavg()[0] ?? 0, 1) },
  figures: results.flatMap((result) => result.figures),
  notes: [
    ...failures.map((failure) => `FAILED on ${failure}`),
    "RSS is the kernel's VmRSS of the `kept start` process (the compiled server in dist/, as `npm start` runs it); on the embedded store it includes PGlite's WebAssembly heap.",
  ],
  raw: results.map((result) => result.raw),
});
console.table(results.flatMap(({ figures }) => figures.map((figure) => ({ figure: figure.label, value: figure.value, unit: figure.unit, baseline: figure.baseline?.value, ratio: figure.ratio }))));
process.stderr.write(`wrote ${file.pathname.split('/').slice(-2).join('/')}\n`);
if (failures.length > 0) process.exitCode = 1;
