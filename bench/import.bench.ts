// `npm run bench:import [-- --events N] [--stores pglite,postgres] [--repeat 1]`: the SPEC §5 import target
// (1,000,000 events of history in under 10 minutes on PostgreSQL, under 15 on PGlite).
// Writes a seeded year-old history as Kept's JSON Lines, then loads it the way `kept import` does (the same
// reader, validation, batches, checkpoints and history horizon) into a fresh store, beside a bare batched
// INSERT of the same lines into a table shaped like the events table, in the same run. Each measurement runs
// in its own process. The bench fails if the history reached a customer (an outbox entry). Prints a table and
// writes bench/results/import.json.
import { once } from 'node:events';
import { createReadStream, createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { eventSchema, type EventInput } from '../src/features/events/event.schemas.js';
import { createImportPorts } from '../src/features/import/import-ports.js';
import { runImport } from '../src/features/import/run-import.js';
import { createBaselineInsert } from './lib/baseline-insert.js';
import { openBenchStore, serverVersion, type BenchStoreKind } from './lib/bench-store.js';
import { reportToParent, runBenchChild } from './lib/child-run.js';
import { createEventGenerator } from './lib/event-generator.js';
import { describeMachine } from './lib/machine.js';
import { round, startRssSampler, toMiB } from './lib/measure.js';
import { writeBenchResult, type BenchFigure } from './lib/results.js';

const targetEvents = 1_000_000;
const targetMinutes: Record<BenchStoreKind, number> = { postgres: 10, pglite: 15 };
const storeLabels: Record<BenchStoreKind, string> = { pglite: 'embedded store (PGlite, on disk)', postgres: 'local PostgreSQL server' };
/** The history starts a year and a half before the horizon; the stream advances seconds per event, so it all lies before it. */
const historyStart = new Date('2025-06-01T08:00:00Z');
const horizon = new Date('2026-12-01T00:00:00Z');
const batchSize = 1000;

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: String(targetEvents) },
    seed: { type: 'string', default: '20261206' },
    stores: { type: 'string', default: 'pglite,postgres' },
    repeat: { type: 'string', default: '1' },
    worker: { type: 'string' },
  },
});
const events = Number(values.events);
const seed = Number(values.seed);
const repeat = Number(values.repeat);
if (!Number.isInteger(events) || events < 1) throw new Error('--events must be a positive integer');
if (!Number.isInteger(repeat) || repeat < 1) throw new Error('--repeat must be a positive integer');

type ImportMode = 'import' | 'baseline';

interface ImportRunResult {
  kind: BenchStoreKind;
  mode: ImportMode;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  cpuMsPerEvent: number;
  peakRssMiB: number;
  /** Import runs only: what the history left, and the outbox entries it made (must be none). */
  rows?: { customers: number; cases: number; messages: number; commitments: number; openCommitments: number; outbox: number };
}

function historyFile(): string {
  return fileURLToPath(new URL(`../.bench-out/import-history-${events}-${seed}.jsonl`, import.meta.url));
}

/** Writes the seeded history once; later runs of the same size and seed read the same file. */
async function writeHistory(path: string): Promise<void> {
  if (existsSync(path)) return;
  mkdirSync(fileURLToPath(new URL('../.bench-out/', import.meta.url)), { recursive: true });
  const generator = createEventGenerator({ seed, start: historyStart });
  const out = createWriteStream(`${path}.partial`);
  for (let done = 0; done < events; done += batchSize) {
    const lines = generator
      .nextBatch(Math.min(batchSize, events - done))
      .map((event) => JSON.stringify(event))
      .join('\n');
    if (!out.write(`${lines}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  await rename(`${path}.partial`, path);
}

/** The bare INSERT of the same lines: read, parsed and validated as the import does, then one INSERT per batch. */
async function loadBaseline(db: Parameters<typeof createBaselineInsert>[0], path: string): Promise<void> {
  const baseline = await createBaselineInsert(db);
  let batch: EventInput[] = [];
  for await (const line of createInterface({ input: createReadStream(path), crlfDelay: Number.POSITIVE_INFINITY })) {
    if (!line) continue;
    const event = eventSchema.parse(JSON.parse(line));
    if (event.occurred_at === undefined) throw new Error(`an event of the history has no time: ${event.id}`);
    batch.push({ ...event, occurred_at: event.occurred_at });
    if (batch.length === batchSize) {
      await baseline.insertBatch(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await baseline.insertBatch(batch);
  const stored = await baseline.countRows();
  if (stored !== events) throw new Error(`the baseline stored ${stored} of ${events} events`);
}

async function runOne(kind: BenchStoreKind, mode: ImportMode, path: string): Promise<ImportRunResult> {
  const bench = await openBenchStore({ kind });
  const rss = startRssSampler();
  let closeApp = async () => {};
  try {
    let load: () => Promise<void>;
    let countRows: () => Promise<ImportRunResult['rows']> = async () => undefined;
    if (mode === 'import') {
      // As `kept import` builds Kept: a clock that stands still, so nothing fires while history loads.
      const config = loadConfig({ KEPT_CLOCK: 'manual', KEPT_LOG_LEVEL: 'silent', KEPT_DATA_DIR: bench.location });
      const kept = await buildApp({ config, store: bench.store, clockStart: horizon });
      closeApp = () => kept.close();
      const ports = createImportPorts({ db: kept.store.db, ingestEvents: kept.services.ingest.ingestEvents, finishHistory: kept.services.engine.service.finishHistory });
      load = async () => {
        const report = await runImport({ path, format: 'jsonl', liveAfter: horizon, ports });
        if (report.accepted !== events || report.live !== 0 || report.invalid !== 0) {
          throw new Error(`the import stored ${report.accepted} of ${events} events (${report.live} live, ${report.invalid} invalid)`);
        }
      };
      countRows = async () => {
        const { rows } = await sql<{ customers: string; cases: string; messages: string; commitments: string; open_commitments: string; outbox: string }>`
          select (select count(*) from customers) as customers, (select count(*) from cases) as cases,
                 (select count(*) from messages) as messages, (select count(*) from commitments) as commitments,
                 (select count(*) from commitments where state = 'open') as open_commitments,
                 (select count(*) from outbox) as outbox`.execute(bench.store.db);
        const row = rows[0]!;
        return {
          customers: Number(row.customers),
          cases: Number(row.cases),
          messages: Number(row.messages),
          commitments: Number(row.commitments),
          openCommitments: Number(row.open_commitments),
          outbox: Number(row.outbox),
        };
      };
    } else {
      load = () => loadBaseline(bench.store.db, path);
    }
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    await load();
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const rows = await countRows();
    return {
      kind,
      mode,
      events,
      seconds: round(seconds, 1),
      eventsPerSecond: Math.round(events / seconds),
      cpuMsPerEvent: round((cpu.user + cpu.system) / 1000 / events, 3),
      peakRssMiB: toMiB(rss.stop()),
      ...(rows ? { rows } : {}),
    };
  } finally {
    rss.stop();
    await closeApp();
    await bench.dispose();
  }
}

function runInChild(kind: BenchStoreKind, mode: ImportMode): Promise<ImportRunResult> {
  return runBenchChild<ImportRunResult>(fileURLToPath(import.meta.url), ['--worker', `${kind}:${mode}`, '--events', String(events), '--seed', String(seed)], `${kind} ${mode}`);
}

async function main(): Promise<void> {
  const path = historyFile();
  if (values.worker) {
    const [kind, mode] = values.worker.split(':') as [BenchStoreKind, ImportMode];
    reportToParent(await runOne(kind, mode, path));
    return;
  }
  await writeHistory(path);
  const kinds = values.stores.split(',').map((kind) => kind.trim()) as BenchStoreKind[];
  const runs: { kind: BenchStoreKind; baseline: ImportRunResult; kept: ImportRunResult }[] = [];
  for (const kind of kinds) {
    if (!(kind in storeLabels)) throw new Error(`unknown store ${kind}: use pglite and/or postgres`);
    for (let index = 1; index <= repeat; index++) {
      console.error(`import bench: ${events} events on ${kind}, run ${index} of ${repeat}: baseline…`);
      const baseline = await runInChild(kind, 'baseline');
      console.error(`import bench: ${events} events on ${kind}, run ${index} of ${repeat}: kept import…`);
      const kept = await runInChild(kind, 'import');
      runs.push({ kind, baseline, kept });
    }
  }
  console.table(
    runs.flatMap(({ kind, baseline, kept }) =>
      [baseline, kept].map((run) => ({
        store: kind,
        run: run.mode === 'import' ? 'kept import' : 'bare INSERT',
        seconds: run.seconds,
        'events/s': run.eventsPerSecond,
        'CPU ms/event': run.cpuMsPerEvent,
        'peak RSS MiB': run.peakRssMiB,
        ...(run.rows ?? {}),
      })),
    ),
  );
  const reached = runs.filter((run) => (run.kept.rows?.outbox ?? 0) > 0);
  for (const run of reached) console.error(`HISTORY REACHED CUSTOMERS: ${run.kept.rows?.outbox} outbox entries on ${run.kind}`);

  const figures: BenchFigure[] = runs.map(({ kind, baseline, kept }) => {
    // Minutes for a million events at this run's rate: a projection when the run was smaller (the rate falls as the store grows).
    const minutesForTarget = round(targetEvents / kept.eventsPerSecond / 60, 1);
    const measured = events >= targetEvents;
    return {
      spec: kind === 'pglite' ? 'import-embedded' : 'import-server',
      label: `Import of ${events.toLocaleString('en')} events of history, ${storeLabels[kind]}`,
      value: kept.eventsPerSecond,
      unit: 'events/s',
      target: `1,000,000 events in under ${targetMinutes[kind]} minutes`,
      meetsTarget: measured && minutesForTarget < targetMinutes[kind],
      baseline: { label: 'bare batched INSERT of the same lines, same run', value: baseline.eventsPerSecond, unit: 'events/s' },
      ratio: round(kept.eventsPerSecond / baseline.eventsPerSecond, 3),
      detail: `${events.toLocaleString('en')} events in ${kept.seconds} s (baseline ${baseline.seconds} s); a million at this rate: ${minutesForTarget} min${measured ? '' : ' (projected from a smaller run)'}; CPU of the importing process ${kept.cpuMsPerEvent} ms per event (baseline ${baseline.cpuMsPerEvent}); left ${kept.rows?.customers} customers, ${kept.rows?.cases} cases, ${kept.rows?.messages} messages, ${kept.rows?.commitments} commitments (${kept.rows?.openCommitments} still open at the horizon), ${kept.rows?.outbox} outbox entries; peak RSS ${kept.peakRssMiB} MiB; load average ${round(loadavg()[0] ?? 0, 1)}`,
    };
  });
  const file = writeBenchResult({
    bench: 'import',
    title: 'Import of a history',
    ranAt: new Date().toISOString(),
    machine: describeMachine(),
    ...(await serverVersion().then((version) => (version ? { postgres: version } : {}))),
    parameters: { events, seed, batchSize, historyStart: historyStart.toISOString(), liveAfter: horizon.toISOString() },
    figures,
    notes: [
      "Kept import: runImport as `kept import history.jsonl --live-after 2026-12-01T00:00:00Z` runs it — reading the file, validating each event, batches of 1,000 through Kept's ingest as history, a checkpoint after each, and the history settled at the end — into a fresh store.",
      'Baseline: the same lines read and validated the same way, one plain INSERT per 1,000 into a fresh table with the columns, keys and indexes of the events table.',
      'Every event lies before the horizon, so the import must leave no outbox entry: the bench fails if it does.',
    ],
    raw: { runs },
  });
  console.error(`wrote ${fileURLToPath(file)}`);
  if (reached.length > 0) process.exitCode = 1;
}

await main();
