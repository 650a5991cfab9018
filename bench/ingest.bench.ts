// `npm run bench:ingest [-- --events N] [--stores pglite,postgres] [--repeat 2] [--record-digest] [--phases] [--profile]`: the SPEC §5 ingest target.
// Generates a seeded stream of shop events and ingests it in batches through Kept's ingest service, beside a
// bare batched INSERT of the same rows on the same kind of store in the same run, the two alternating --repeat
// times; the bench fails when a Kept run leaves other rows than the others or than the recorded digest. Each measurement runs in
// its own process so its peak memory is its own. Prints a table and writes bench/results/ingest.json.
// With --profile, each Kept run writes a CPU profile of its batches (not setup, not the digest) to .bench-out/ingest-<store>.cpuprofile.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { serverVersion, type BenchStoreKind } from './lib/bench-store.js';
import { reportToParent, runBenchChild } from './lib/child-run.js';
import { runIngest, type IngestMode, type IngestRunResult } from './lib/ingest-run.js';
import { describeMachine } from './lib/machine.js';
import { percentile, round } from './lib/measure.js';
import { writeBenchResult, type BenchFigure } from './lib/results.js';

/** SPEC §5: Kept's ingest as a share of a bare batched INSERT of the same events in the same run. */
const targetRatio = 0.12;
const stores: Record<BenchStoreKind, { label: string; ceiling: number }> = {
  // The ceiling: the rows Kept writes, written set-based (one multi-row INSERT per table per 1,000 events).
  pglite: { label: 'embedded store (PGlite, on disk)', ceiling: 0.19 },
  postgres: { label: 'local PostgreSQL server', ceiling: 0.28 },
};
const digestFile = new URL('./ingest-digests.json', import.meta.url);

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '200000' },
    batch: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '20261124' },
    stores: { type: 'string', default: 'pglite,postgres' },
    phases: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    repeat: { type: 'string', default: '2' },
    'record-digest': { type: 'boolean', default: false },
    worker: { type: 'string' },
  },
});
const events = Number(values.events);
const batchSize = Number(values.batch);
const seed = Number(values.seed);
const repeat = Number(values.repeat);
if (!Number.isInteger(repeat) || repeat < 1) throw new Error('--repeat must be a positive integer');
if (!Number.isInteger(events) || events < 1 || !Number.isInteger(batchSize) || batchSize < 1 || batchSize > 1000) {
  throw new Error('--events must be a positive integer and --batch between 1 and 1000');
}

function profileFile(kind: BenchStoreKind): string {
  return fileURLToPath(new URL(`../.bench-out/ingest-${kind}.cpuprofile`, import.meta.url));
}

function runInChild(kind: BenchStoreKind, mode: IngestMode): Promise<IngestRunResult> {
  const args = [
    '--worker',
    `${kind}:${mode}`,
    '--events',
    String(events),
    '--batch',
    String(batchSize),
    '--seed',
    String(seed),
    ...(values.phases ? ['--phases'] : []),
    ...(values.profile ? ['--profile'] : []),
  ];
  return runBenchChild<IngestRunResult>(fileURLToPath(import.meta.url), args, `${kind} ${mode}`);
}

interface StoreRuns {
  kind: BenchStoreKind;
  pairs: { baseline: IngestRunResult; kept: IngestRunResult }[];
}

const ratioOf = (pair: { baseline: IngestRunResult; kept: IngestRunResult }): number => pair.kept.eventsPerSecond / pair.baseline.eventsPerSecond;
const median = (values: readonly number[]): number => percentile(values, 0.5);

function printTable(rows: readonly StoreRuns[]): void {
  const perEvent = (bytes: number, run: IngestRunResult) => Math.round(bytes / run.events);
  const table = rows.flatMap(({ kind, pairs }) =>
    pairs.flatMap((pair, index) =>
      [pair.baseline, pair.kept].map((run) => ({
        store: kind,
        run: `${run.mode === 'kept' ? 'Kept ingest' : 'bare INSERT'} #${index + 1}`,
        'events/s': run.eventsPerSecond,
        'vs baseline': run.mode === 'kept' ? `${round(ratioOf(pair), 3)}×` : '1×',
        'p99 batch ms': run.batchP99Ms,
        'CPU ms/event': run.cpuMsPerEvent,
        'table B/event': perEvent(run.storage.tableBytes, run),
        'index B/event': perEvent(run.storage.indexBytes, run),
        'WAL B/event': perEvent(run.storage.walBytes, run),
        'WAL on disk MiB': round(run.storage.walOnDiskBytes / 1024 / 1024, 0),
        'peak RSS MiB': run.peakRssMiB,
      })),
    ),
  );
  console.table(table);
}

/**
 * Every Kept run on the same stream must leave the same rows, on both stores and in every repeat, and the
 * rows recorded for this stream (bench/ingest-digests.json): a faster ingest that writes other rows is wrong.
 */
function checkDigests(rows: readonly StoreRuns[]): string[] {
  const key = `${events}:${seed}:${batchSize}`;
  const recorded = existsSync(digestFile) ? (JSON.parse(readFileSync(digestFile, 'utf8')) as Record<string, { all: string; tables: Record<string, string> }>) : {};
  const runs = rows.flatMap(({ kind, pairs }) => pairs.map((pair, index) => ({ name: `${kind} #${index + 1}`, digest: pair.kept.digest })));
  const reference = recorded[key] ?? runs[0]?.digest;
  const problems: string[] = [];
  for (const run of runs) {
    if (!run.digest || !reference) continue;
    if (run.digest.all === reference.all) continue;
    const tables = Object.keys({ ...reference.tables, ...run.digest.tables }).filter((table) => reference.tables[table] !== run.digest?.tables[table]);
    problems.push(`${run.name} left other rows than ${recorded[key] ? 'the recorded digest' : 'the first run'} in: ${tables.join(', ')}`);
  }
  if (values['record-digest'] && runs[0]?.digest && problems.length === 0) {
    writeFileSync(digestFile, `${JSON.stringify({ ...recorded, [key]: runs[0].digest }, null, 2)}\n`);
    console.error(`recorded the digest of ${key} in ${fileURLToPath(digestFile)}`);
  }
  return problems;
}

function printPhases(kind: BenchStoreKind, run: IngestRunResult): void {
  const totalMillis = run.seconds * 1000;
  const phases = Object.entries(run.phases ?? {}).sort(([, a], [, b]) => b.millis - a.millis);
  const databaseMillis = phases.reduce((sum, [, entry]) => sum + entry.millis, 0);
  console.log(`\nWhere Kept's ingest time goes on ${kind} (${run.events} events, ${round(totalMillis / 1000, 1)} s):`);
  console.table([
    ...phases.map(([phase, entry]) => ({
      phase,
      statements: entry.statements,
      'per event': round(entry.statements / run.events, 2),
      seconds: round(entry.millis / 1000, 2),
      share: `${round((entry.millis / totalMillis) * 100, 1)}%`,
    })),
    {
      phase: 'outside SQL (JavaScript, transactions)',
      statements: 0,
      'per event': 0,
      seconds: round((totalMillis - databaseMillis) / 1000, 2),
      share: `${round(((totalMillis - databaseMillis) / totalMillis) * 100, 1)}%`,
    },
  ]);
}

/** The rows a Kept run left behind and their digest: compare them between versions on the same stream. */
function printRows(kind: BenchStoreKind, run: IngestRunResult): void {
  console.log(`\nRows Kept left on ${kind} after ${run.events} events (digest ${run.digest?.all ?? 'n/a'}):`);
  console.log(
    Object.entries(run.rows)
      .map(([table, count]) => `${table} ${count}`)
      .join(', '),
  );
  if (run.digest)
    console.log(
      'per table:',
      Object.entries(run.digest.tables)
        .map(([table, hash]) => `${table} ${hash}`)
        .join(', '),
    );
}

async function main(): Promise<void> {
  if (values.worker) {
    const [kind, mode] = values.worker.split(':') as [BenchStoreKind, IngestMode];
    const profile = values.profile && mode === 'kept' ? profileFile(kind) : undefined;
    const result = await runIngest({ kind, mode, events, batchSize, seed, phases: values.phases, profile });
    reportToParent(result);
    return;
  }
  const kinds = values.stores.split(',').map((kind) => kind.trim()) as BenchStoreKind[];
  const rows: StoreRuns[] = [];
  for (const kind of kinds) {
    if (!(kind in stores)) throw new Error(`unknown store ${kind}: use pglite and/or postgres`);
    const pairs: StoreRuns['pairs'] = [];
    // Baseline and Kept alternate, so a neighbour's load falls on both and the ratio holds steadier than either rate.
    for (let index = 1; index <= repeat; index++) {
      console.error(`ingest bench: ${events} events on ${kind}, pair ${index} of ${repeat}: baseline…`);
      const baseline = await runInChild(kind, 'baseline');
      console.error(`ingest bench: ${events} events on ${kind}, pair ${index} of ${repeat}: Kept…`);
      const kept = await runInChild(kind, 'kept');
      pairs.push({ baseline, kept });
    }
    rows.push({ kind, pairs });
  }
  printTable(rows);
  for (const { kind, pairs } of rows) printRows(kind, pairs[pairs.length - 1]!.kept);
  const digestProblems = checkDigests(rows);
  for (const problem of digestProblems) console.error(`DIGEST MISMATCH: ${problem}`);
  if (values.profile) for (const { kind } of rows) console.log(`CPU profile of Kept's batches on ${kind}: ${profileFile(kind)}`);
  if (values.phases) {
    // Query logging slows every statement a little: phase runs explain figures, they do not replace them.
    for (const { kind, pairs } of rows) printPhases(kind, pairs[pairs.length - 1]!.kept);
    return;
  }

  const figures: BenchFigure[] = rows.map(({ kind, pairs }) => {
    const ratio = round(median(pairs.map(ratioOf)), 3);
    const kept = median(pairs.map((pair) => pair.kept.eventsPerSecond));
    const baseline = median(pairs.map((pair) => pair.baseline.eventsPerSecond));
    const last = pairs[pairs.length - 1]!.kept;
    const bytes = (value: number) => Math.round(value / last.events);
    return {
      spec: kind === 'pglite' ? 'ingest-embedded' : 'ingest-server',
      label: `Ingest, ${stores[kind].label}`,
      value: Math.round(kept),
      unit: 'events/s',
      target: `≥ ${targetRatio}× the bare INSERT (ceiling ${stores[kind].ceiling}×)`,
      meetsTarget: ratio >= targetRatio,
      baseline: { label: 'bare batched INSERT of the same events, same run', value: Math.round(baseline), unit: 'events/s' },
      ratio,
      detail: `median of ${pairs.length} interleaved pairs (ratios ${pairs.map((pair) => `${round(ratioOf(pair), 3)}×`).join(', ')}); batch of ${batchSize}: p99 ${last.batchP99Ms} ms; CPU of the Kept process ${median(pairs.map((pair) => pair.kept.cpuMsPerEvent))} ms per event (baseline ${median(pairs.map((pair) => pair.baseline.cpuMsPerEvent))}); per event: tables ${bytes(last.storage.tableBytes)} B, indexes ${bytes(last.storage.indexBytes)} B, WAL ${bytes(last.storage.walBytes)} B; rows digest ${digestProblems.length === 0 ? 'the same in every run' : 'DIFFERS'}`,
    };
  });
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
    raw: { runs: rows, mix: rows[0]?.pairs[0]?.kept.mix ?? {} },
  });
  console.error(`wrote ${fileURLToPath(file)}`);
  if (digestProblems.length > 0) process.exitCode = 1;
}

await main();
