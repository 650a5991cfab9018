// `npm run bench:ingest [-- --events N] [--stores pglite,postgres] [--phases] [--profile]`: the SPEC §5 ingest target.
// Generates a seeded stream of shop events and ingests it in batches through Kept's ingest service, beside a
// bare batched INSERT of the same rows on the same kind of store in the same run. Each measurement runs in
// its own process so its peak memory is its own. Prints a table and writes bench/results/ingest.json.
// With --profile, each Kept run writes a CPU profile of its batches (not setup, not the digest) to .bench-out/ingest-<store>.cpuprofile.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { serverVersion, type BenchStoreKind } from './lib/bench-store.js';
import { runIngest, type IngestMode, type IngestRunResult } from './lib/ingest-run.js';
import { describeMachine } from './lib/machine.js';
import { round } from './lib/measure.js';
import { writeBenchResult, type BenchFigure } from './lib/results.js';

const resultMarker = 'INGEST-RESULT ';
const targets: Record<BenchStoreKind, { eventsPerSecond: number; label: string }> = {
  pglite: { eventsPerSecond: 10_000, label: 'embedded store (PGlite, on disk)' },
  postgres: { eventsPerSecond: 30_000, label: 'local PostgreSQL server' },
};

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '200000' },
    batch: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '20261124' },
    stores: { type: 'string', default: 'pglite,postgres' },
    phases: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    worker: { type: 'string' },
  },
});
const events = Number(values.events);
const batchSize = Number(values.batch);
const seed = Number(values.seed);
if (!Number.isInteger(events) || events < 1 || !Number.isInteger(batchSize) || batchSize < 1 || batchSize > 1000) {
  throw new Error('--events must be a positive integer and --batch between 1 and 1000');
}

function profileFile(kind: BenchStoreKind): string {
  return fileURLToPath(new URL(`../.bench-out/ingest-${kind}.cpuprofile`, import.meta.url));
}

/** Runs one measurement in a child process (same Node flags, so tsx and --cpu-prof carry over). */
function runInChild(kind: BenchStoreKind, mode: IngestMode): Promise<IngestRunResult> {
  const args = [...process.execArgv, fileURLToPath(import.meta.url), '--worker', `${kind}:${mode}`, '--events', String(events), '--batch', String(batchSize), '--seed', String(seed), ...(values.phases ? ['--phases'] : []), ...(values.profile ? ['--profile'] : [])];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = output.split('\n').find((entry) => entry.startsWith(resultMarker));
      if (code !== 0 || !line) reject(new Error(`${kind} ${mode} run failed (exit ${code})\n${output}`));
      else resolve(JSON.parse(line.slice(resultMarker.length)) as IngestRunResult);
    });
  });
}

function printTable(rows: { kind: BenchStoreKind; kept: IngestRunResult; baseline: IngestRunResult }[]): void {
  const table = rows.flatMap(({ kind, kept, baseline }) =>
    [kept, baseline].map((run) => ({
      store: kind,
      run: run.mode === 'kept' ? 'Kept ingest' : 'bare INSERT',
      'events/s': run.eventsPerSecond,
      'vs baseline': run.mode === 'kept' ? `${round(kept.eventsPerSecond / baseline.eventsPerSecond, 3)}×` : '1×',
      'p50 batch ms': run.batchP50Ms,
      'p99 batch ms': run.batchP99Ms,
      'CPU ms/event': run.cpuMsPerEvent,
      'peak RSS MiB': run.peakRssMiB,
      target: run.mode === 'kept' ? `≥ ${targets[kind].eventsPerSecond.toLocaleString('en-US')}` : '',
    })),
  );
  console.table(table);
}

function printPhases(kind: BenchStoreKind, run: IngestRunResult): void {
  const totalMillis = run.seconds * 1000;
  const phases = Object.entries(run.phases ?? {}).sort(([, a], [, b]) => b.millis - a.millis);
  const databaseMillis = phases.reduce((sum, [, entry]) => sum + entry.millis, 0);
  console.log(`\nWhere Kept's ingest time goes on ${kind} (${run.events} events, ${round(totalMillis / 1000, 1)} s):`);
  console.table([
    ...phases.map(([phase, entry]) => ({ phase, statements: entry.statements, 'per event': round(entry.statements / run.events, 2), seconds: round(entry.millis / 1000, 2), share: `${round((entry.millis / totalMillis) * 100, 1)}%` })),
    { phase: 'outside SQL (JavaScript, transactions)', statements: 0, 'per event': 0, seconds: round((totalMillis - databaseMillis) / 1000, 2), share: `${round(((totalMillis - databaseMillis) / totalMillis) * 100, 1)}%` },
  ]);
}

/** The rows a Kept run left behind and their digest: compare them between versions on the same stream. */
function printRows(kind: BenchStoreKind, run: IngestRunResult): void {
  console.log(`\nRows Kept left on ${kind} after ${run.events} events (digest ${run.digest?.all ?? 'n/a'}):`);
  console.log(Object.entries(run.rows).map(([table, count]) => `${table} ${count}`).join(', '));
  if (run.digest) console.log('per table:', Object.entries(run.digest.tables).map(([table, hash]) => `${table} ${hash}`).join(', '));
}

async function main(): Promise<void> {
  if (values.worker) {
    const [kind, mode] = values.worker.split(':') as [BenchStoreKind, IngestMode];
    const profile = values.profile && mode === 'kept' ? profileFile(kind) : undefined;
    const result = await runIngest({ kind, mode, events, batchSize, seed, phases: values.phases, profile });
    process.stdout.write(`${resultMarker}${JSON.stringify(result)}\n`);
    return;
  }
  const kinds = values.stores.split(',').map((kind) => kind.trim()) as BenchStoreKind[];
  const rows: { kind: BenchStoreKind; kept: IngestRunResult; baseline: IngestRunResult }[] = [];
  for (const kind of kinds) {
    if (!(kind in targets)) throw new Error(`unknown store ${kind}: use pglite and/or postgres`);
    console.error(`ingest bench: ${events} events on ${kind}: baseline…`);
    const baseline = await runInChild(kind, 'baseline');
    console.error(`ingest bench: ${events} events on ${kind}: Kept…`);
    const kept = await runInChild(kind, 'kept');
    rows.push({ kind, kept, baseline });
  }
  printTable(rows);
  for (const { kind, kept } of rows) printRows(kind, kept);
  if (values.profile) for (const { kind } of rows) console.log(`CPU profile of Kept's batches on ${kind}: ${profileFile(kind)}`);
  if (values.phases) {
    // Query logging slows every statement a little: phase runs explain figures, they do not replace them.
    for (const { kind, kept } of rows) printPhases(kind, kept);
    return;
  }

  const figures: BenchFigure[] = rows.map(({ kind, kept, baseline }) => ({
    spec: kind === 'pglite' ? 'ingest-embedded' : 'ingest-server',
    label: `Ingest, ${targets[kind].label}`,
    value: kept.eventsPerSecond,
    unit: 'events/s',
    target: `≥ ${targets[kind].eventsPerSecond.toLocaleString('en-US')} events/s`,
    meetsTarget: kept.eventsPerSecond >= targets[kind].eventsPerSecond,
    baseline: { label: 'bare batched INSERT of the same rows', value: baseline.eventsPerSecond, unit: 'events/s' },
    ratio: round(kept.eventsPerSecond / baseline.eventsPerSecond, 3),
    detail: `batch of ${batchSize}: p50 ${kept.batchP50Ms} ms, p99 ${kept.batchP99Ms} ms (baseline p50 ${baseline.batchP50Ms} ms, p99 ${baseline.batchP99Ms} ms); CPU of the Kept process ${kept.cpuMsPerEvent} ms per event (baseline ${baseline.cpuMsPerEvent}); peak RSS ${kept.peakRssMiB} MiB (baseline ${baseline.peakRssMiB} MiB)`,
  }));
  const file = writeBenchResult({
    bench: 'ingest',
    title: 'Ingest',
    ranAt: new Date().toISOString(),
    machine: describeMachine(),
    ...(await serverVersion().then((version) => (version ? { postgres: version } : {}))),
    parameters: { events, batchSize, seed, phases: values.phases },
    figures,
    notes: [
      'Kept ingest: POST /events minus HTTP — the ingest service stores each batch of 1000 in one transaction, resolves customers, projects orders and routes contacts to cases.',
      'Baseline: one plain INSERT per batch of the same rows into a fresh table with the columns, keys and indexes of the events table.',
    ],
    raw: { runs: rows, mix: rows[0]?.kept.mix ?? {} },
  });
  console.error(`wrote ${fileURLToPath(file)}`);
}

await main();
