// One measured ingest run in this process: Kept's ingest service, or the bare batched INSERT baseline,
// on a fresh store. The caller runs each in its own process so that peak memory is the run's own.
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { dirname } from 'node:path';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { parseEventsBody } from '../../src/features/events/parse-events.js';
import type { EventInput } from '../../src/features/events/event.schemas.js';
import { createBaselineInsert } from './baseline-insert.js';
import { openBenchStore, type BenchStoreKind } from './bench-store.js';
import { createEventGenerator } from './event-generator.js';
import { percentile, round, startRssSampler, toMiB } from './measure.js';
import { createPhaseTotals } from './query-phases.js';
import { digestRows } from './row-digest.js';
import { currentWalPosition, measureStorage, type StorageFigures } from './storage.js';

export type IngestMode = 'kept' | 'baseline';

export interface IngestRunOptions {
  kind: BenchStoreKind;
  mode: IngestMode;
  events: number;
  batchSize: number;
  seed: number;
  /** Attribute database time to ingest phases (adds a little logging overhead). */
  phases: boolean;
  /** Write a CPU profile of the batches to this file: the timed span and the generating and parsing between batches (about 2 %), not setup or the digest. */
  profile?: string | undefined;
}

export interface IngestRunResult {
  kind: BenchStoreKind;
  mode: IngestMode;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  batchP50Ms: number;
  batchP99Ms: number;
  peakRssMiB: number;
  /**
   * CPU time of this process per event over the timed span (user + system): on a shared machine it moves far
   * less with the neighbours than the rate does. PGlite runs in this process; a PostgreSQL server's own is not in it.
   */
  cpuMsPerEvent: number;
  /** Rows the run left behind, as a check that the work was really done. */
  rows: Record<string, number>;
  /**
   * Kept runs only: a digest of those rows with ids and tokens replaced by stable labels (bench/lib/row-digest.ts),
   * the same for two versions of Kept that leave the same rows on the same stream; and one per table.
   */
  digest?: { all: string; tables: Record<string, string> };
  /** Bytes of every table and index of the store after the run (Kept's and the migrations' own), and the WAL the batches wrote. */
  storage: StorageFigures;
  mix: Record<string, number>;
  phases?: Record<string, { statements: number; millis: number }>;
}

const benchStart = new Date('2026-11-01T08:00:00Z');

export async function runIngest(options: IngestRunOptions): Promise<IngestRunResult> {
  const totals = createPhaseTotals();
  const bench = await openBenchStore({ kind: options.kind, ...(options.phases ? { log: totals.record } : {}) });
  const generator = createEventGenerator({ seed: options.seed, start: benchStart });
  const latencies: number[] = [];
  const mix = new Map<string, number>();
  let ingestBatch: (events: EventInput[]) => Promise<void>;
  let countRows: () => Promise<{ rows: Record<string, number>; digest?: IngestRunResult['digest'] }>;
  let closeApp = async () => {};

  if (options.mode === 'kept') {
    const config = loadConfig({ KEPT_CLOCK: 'manual', KEPT_LOG_LEVEL: 'silent', KEPT_DATA_DIR: bench.location });
    const kept = await buildApp({ config, store: bench.store, clockStart: benchStart });
    closeApp = () => kept.close();
    ingestBatch = async (events) => {
      const result = await kept.services.ingest.ingestEvents(events);
      if (result.accepted !== events.length) throw new Error(`Kept accepted ${result.accepted} of ${events.length} events`);
    };
    countRows = async () => {
      const digest = await digestRows(bench.store.db);
      return { rows: digest.counts, digest: { all: digest.digest, tables: digest.tables } };
    };
  } else {
    const baseline = await createBaselineInsert(bench.store.db);
    ingestBatch = (events) => baseline.insertBatch(events);
    countRows = async () => ({ rows: { bench_baseline_events: await baseline.countRows() } });
  }

  const rss = startRssSampler();
  let measuredMillis = 0;
  let cpuMicros = 0;
  const profiler = options.profile ? new Session() : undefined;
  const walStart = await currentWalPosition(bench.store.db);
  try {
    if (profiler) {
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.start');
    }
    for (let done = 0; done < options.events; done += options.batchSize) {
      // Generating and parsing (what POST /events does before ingest) stay outside the timed span.
      const events = parseEventsBody({ events: generator.nextBatch(Math.min(options.batchSize, options.events - done)) });
      for (const event of events) mix.set(event.type, (mix.get(event.type) ?? 0) + 1);
      const started = performance.now();
      const cpuBefore = process.cpuUsage();
      totals.recording = true;
      await ingestBatch(events);
      totals.recording = false;
      const cpu = process.cpuUsage(cpuBefore);
      cpuMicros += cpu.user + cpu.system;
      const took = performance.now() - started;
      measuredMillis += took;
      latencies.push(took);
      rss.sample();
    }
    const peakRss = rss.stop();
    if (profiler && options.profile) {
      const { profile } = await profiler.post('Profiler.stop');
      profiler.disconnect();
      mkdirSync(dirname(options.profile), { recursive: true });
      writeFileSync(options.profile, JSON.stringify(profile));
    }
    const storage = await measureStorage(bench.store.db, { walStart });
    const { rows, digest } = await countRows();
    return {
      kind: options.kind,
      mode: options.mode,
      events: options.events,
      seconds: round(measuredMillis / 1000, 3),
      eventsPerSecond: Math.round(options.events / (measuredMillis / 1000)),
      batchP50Ms: round(percentile(latencies, 0.5), 1),
      batchP99Ms: round(percentile(latencies, 0.99), 1),
      peakRssMiB: toMiB(peakRss),
      cpuMsPerEvent: round(cpuMicros / 1000 / options.events, 3),
      rows,
      storage,
      ...(digest ? { digest } : {}),
      mix: Object.fromEntries([...mix].sort(([a], [b]) => a.localeCompare(b))),
      ...(options.phases ? { phases: Object.fromEntries([...totals.byPhase].map(([phase, entry]) => [phase, { statements: entry.statements, millis: round(entry.millis, 0) }])) } : {}),
    };
  } finally {
    rss.stop();
    await closeApp();
    await bench.dispose();
  }
}
