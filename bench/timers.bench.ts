// `npm run bench:timers [-- --sizes 1000000,10000000] [--sample 400]`: fire lag with millions of open
// commitments on PostgreSQL. For each size, a fresh database gets that many open commitments with their
// breach timers (INSERT … SELECT generate_series, a million rows a statement), due over the next 30 days.
// Then a sample of commitments falls due over a few seconds while the real engine and scheduler run on
// the real clock; we record how late each timer started firing and when its breach was committed.
// Baseline of the same run: the bare query the scheduler's window load is (`ORDER BY fire_at LIMIT n`).
import { cpus, totalmem, platform } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import { sql } from 'kysely';
import { loadConfig } from '../src/config/config.js';
import { createStore, type Store } from '../src/db/create-db.js';
import { createDomainBus } from '../src/domain-events.js';
import { createCommitmentService } from '../src/features/commitments/commitment.service.js';
import { buildEngineConfig } from '../src/features/commitments/engine-config.js';
import { commitmentConfigOf } from '../src/features/commitments/policy-defaults.js';
import { createScheduler } from '../src/features/commitments/scheduler.js';
import { createTimerStore } from '../src/features/commitments/timer.repo.js';
import { createSystemClock } from '../src/shared/clock.js';
import { seedDueCommitments } from '../test/helpers/seed-commitments.js';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '1000000' }, sample: { type: 'string', default: '300' }, spacing: { type: 'string', default: '100' } } });
const sizes = values.sizes.split(',').map((s) => Number(s.trim()));
const sampleSize = Number(values.sample);
const spacingMs = Number(values.spacing);
const serverUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;
const mb = (bytes: number): number => round(bytes / 1024 / 1024);

async function withDatabase<T>(work: (url: string) => Promise<T>): Promise<T> {
  const name = `kept_bench_timers_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  try {
    return await work(url.toString());
  } finally {
    const dropper = new pg.Client({ connectionString: serverUrl });
    await dropper.connect();
    await dropper.query(`drop database if exists ${name} with (force)`);
    await dropper.end();
  }
}

/** Open commitments due over the next 30 days, a million per statement. */
async function fill(store: Store, size: number): Promise<number> {
  const started = performance.now();
  const chunk = 1_000_000;
  const monthMs = 30 * 86_400_000;
  for (let done = 0; done < size; done += chunk) {
    const n = Math.min(chunk, size - done);
    await seedDueCommitments(store.db, { count: n, prefix: `b${done / chunk}_`, firstDueAt: new Date(Date.now() + 3_600_000), spacingMs: Math.floor(monthMs / size) });
    process.stderr.write(`  ${done + n} open commitments\n`);
  }
  await sql`analyze commitments`.execute(store.db);
  await sql`analyze timers`.execute(store.db);
  return (performance.now() - started) / 1000;
}

/** The bare window query, timed: what the scheduler's load costs at this size. */
async function baseline(store: Store): Promise<{ p50: number; p99: number }> {
  const times: number[] = [];
  for (let i = 0; i < 200; i += 1) {
    const until = new Date(Date.now() + 10_000 + i * 60_000);
    const started = performance.now();
    await sql`select id, commitment_id, kind, fire_at, due_at from timers where fired_at is null and fire_at <= ${until} order by fire_at, id limit 1000`.execute(store.db);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: round(percentile(times, 50), 2), p99: round(percentile(times, 99), 2) };
}

async function measureFireLag(store: Store): Promise<{ lag: number[]; applied: number[]; rssMax: number }> {
  const config = loadConfig({ KEPT_LOG_LEVEL: 'silent' });
  const clock = createSystemClock();
  const service = createCommitmentService({
    db: store.db,
    clock,
    bus: createDomainBus(),
    logger: pino({ level: 'silent' }),
    engine: buildEngineConfig(commitmentConfigOf(config.file)),
    fallbackSenders: {},
  });
  const lag: number[] = [];
  const applied: number[] = [];
  const scheduler = createScheduler({
    store: createTimerStore(store.db),
    clock,
    concurrency: 4,
    fire: async (timer) => {
      await service.fireTimer(timer);
      if (timer.id.startsWith('s_')) applied.push(Date.now() - timer.fireAt.getTime());
    },
    onFired: (timer, lagMs) => {
      if (timer.id.startsWith('s_')) lag.push(lagMs);
    },
    onError: (error) => process.stderr.write(`timer error: ${String(error)}\n`),
  });
  // The sample falls due from 5 s from now, one every `spacing` ms: written by "another process", so only
  // the scheduler's window reload (every second) can find them, the slower of the two paths.
  await seedDueCommitments(store.db, { count: sampleSize, prefix: 's_', firstDueAt: new Date(Date.now() + 5_000), spacingMs });
  let rssMax = process.memoryUsage().rss;
  const sampler = setInterval(() => (rssMax = Math.max(rssMax, process.memoryUsage().rss)), 200);
  scheduler.start();
  const deadline = Date.now() + 5_000 + sampleSize * spacingMs + 30_000;
  while (applied.length < sampleSize && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
  await scheduler.stop();
  clearInterval(sampler);
  return { lag: lag.sort((a, b) => a - b), applied: applied.sort((a, b) => a - b), rssMax };
}

async function writeResult(): Promise<void> {
  const cpu = cpus();
  const postgres = await (async () => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    const version = (await client.query<{ server_version: string }>('show server_version')).rows[0]?.server_version ?? 'unknown';
    await client.end();
    return `PostgreSQL ${version}`;
  })();
  const figures = runs.flatMap((run) => {
    const size = run['open_commitments'] as number;
    const lag = run['breach_committed_ms'] as { p50: number; p99: number };
    const fire = run['fire_lag_ms'] as { p50: number; p99: number };
    const base = run['baseline_window_query_ms'] as { p50: number; p99: number };
    const label = `${(size / 1e6).toLocaleString('en')}M open commitments`;
    return [
      {
        // The SPEC's target is at 10M; smaller sizes show the trend and answer no target themselves.
        ...(size === 10_000_000 ? { spec: 'timers' as const } : {}),
        label: `Breach committed after its deadline, p99, ${label}`,
        value: lag.p99,
        unit: 'ms',
        target: '≤ 1,000 ms (p99) at 10M',
        meetsTarget: lag.p99 <= 1_000,
        baseline: { label: 'bare window query (ORDER BY fire_at LIMIT 1000), p99', value: base.p99, unit: 'ms' },
        ratio: round(lag.p99 / base.p99, 2),
        detail: `fire started p50 ${fire.p50} ms / p99 ${fire.p99} ms; breach committed p50 ${lag.p50} ms`,
      },
      ...(size === 1_000_000
        ? [
            {
              label: 'Resident memory of the timer process (engine and scheduler alone), 1M open commitments',
              value: run['rss_mb_max'] as number,
              unit: 'MB',
              target: '< 500 MB',
              meetsTarget: (run['rss_mb_max'] as number) < 500,
            },
          ]
        : []),
    ];
  });
  const result = {
    bench: 'timers',
    title: 'Timers: fire lag with millions of open commitments (PostgreSQL, real clock)',
    ranAt: new Date().toISOString(),
    machine: { cpu: cpu[0]?.model ?? 'unknown', cores: cpu.length, memoryGiB: round(totalmem() / 1024 ** 3), node: process.version, platform: platform() },
    postgres,
    parameters: { sizes, sample: sampleSize, sample_spacing_ms: spacingMs, concurrency: 4, window_ms: 10_000, refill_every_ms: 1_000 },
    figures,
    notes: [
      'The sample timers are written straight into the store, as another process would, so they are found by the once-a-second window reload: the slower path. Timers a process writes itself go to its window at once.',
      "Lag is measured from each timer's fire time to the start of its fire (fire_lag) and to the commit of its breach with its actions (breach_committed).",
      'Resident memory is of the whole bench process (engine, scheduler, pg pool); the open commitments live in PostgreSQL, and the scheduler holds only the next 10 s of timers.',
    ],
    raw: runs,
  };
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(new URL('./results/timers.json', import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
  process.stderr.write(`\nwrote bench/results/timers.json\n`);
}

const runs: Record<string, unknown>[] = [];
for (const size of sizes) {
  process.stderr.write(`\n${size.toLocaleString('en')} open commitments\n`);
  const run = await withDatabase(async (url) => {
    const store = await createStore({ databaseUrl: url, poolSize: 6 });
    try {
      const insertSeconds = await fill(store, size);
      const window = await baseline(store);
      const fired = await measureFireLag(store);
      const row = {
        open_commitments: size,
        insert_seconds: round(insertSeconds),
        insert_rows_per_second: Math.round((2 * size) / insertSeconds),
        baseline_window_query_ms: window,
        sample: fired.lag.length,
        fire_lag_ms: { p50: round(percentile(fired.lag, 50)), p99: round(percentile(fired.lag, 99)), max: round(fired.lag.at(-1) ?? Number.NaN) },
        breach_committed_ms: { p50: round(percentile(fired.applied, 50)), p99: round(percentile(fired.applied, 99)), max: round(fired.applied.at(-1) ?? Number.NaN) },
        rss_mb_max: mb(fired.rssMax),
      };
      process.stderr.write(`  ${JSON.stringify(row)}\n`);
      return row;
    } finally {
      await store.close();
    }
  });
  runs.push(run);
  // Written after each size, so a long 10M run that is stopped keeps the sizes before it.
  await writeResult();
}
