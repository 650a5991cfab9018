// `npm run bench:multi-process [-- --events N] [--processes 1,2,3] [--batch 1000] [--seed S]`: ingest through
// several `kept` processes on one PostgreSQL (docs/scaling.md). Each run starts on a fresh database; the seeded
// stream is split by customer between the processes (bench/lib/multi-process-worker.ts), each ingesting its
// share in order, all at once. Then every process moves its own clock past every deadline at the same time,
// so each due timer is raced for. Every run must leave the same rows as the single-process run (counts per
// table and per commitment state) and no action or automatic message twice; the bench fails otherwise.
// Reports each run's rate beside the single-process rate of the same bench run. Writes bench/results/multi-process.json.
import { fork, type ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import type { Db } from '../src/db/create-db.js';
import { openBenchStore, serverVersion } from './lib/bench-store.js';
import { describeMachine } from './lib/machine.js';
import { round } from './lib/measure.js';
import { multiProcessStart, type ParentMessage, type WorkerIngested, type WorkerMessage, type WorkerTimersDone } from './lib/multi-process-protocol.js';
import { writeBenchResult, type BenchFigure } from './lib/results.js';
import { digestRows } from './lib/row-digest.js';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '20000' },
    processes: { type: 'string', default: '1,2,3' },
    batch: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '20261124' },
  },
});
const events = Number(values.events);
const batch = Number(values.batch);
const seed = Number(values.seed);
const counts = values.processes.split(',').map(Number);
if (counts[0] !== 1 || counts.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('--processes must start with 1 (the baseline), e.g. 1,2,3');
// The stream advances 1–20 s per event; 30 days past its end every deadline a policy sets has passed.
const timersTo = new Date(multiProcessStart.getTime() + events * 20_000 + 30 * 86_400_000).toISOString();

interface Outcome {
  processes: number;
  seconds: number;
  eventsPerSecond: number;
  cpuMsPerEvent: number;
  timerSeconds: number;
  rows: Record<string, number>;
  /** By kind and state, e.g. `notify breached`. */
  commitmentsByState: Record<string, number>;
  actionsByName: Record<string, number>;
  /** Actions recorded twice for one commitment, and automatic messages sent twice to one customer. */
  duplicateActions: number;
  duplicateMessages: number;
  /** Commitments a policy opened twice for the same cause (the same event, message or breached commitment). */
  duplicateCommitments: number;
  loadAverage: number;
}

function startWorker(url: string, index: number, processes: number): ChildProcess {
  const args = ['--url', url, '--index', String(index), '--processes', String(processes), '--events', String(events), '--batch', String(batch), '--seed', String(seed)];
  return fork(fileURLToPath(new URL('./lib/multi-process-worker.ts', import.meta.url)), args, { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
}

function nextMessage<T extends WorkerMessage>(child: ChildProcess, type: T['type']): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: WorkerMessage) => {
      if (message.type !== type) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(message as T);
    };
    const onExit = (code: number | null) => reject(new Error(`a kept process exited (code ${code}) before '${type}'`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

async function countDuplicates(db: Db): Promise<{ actions: number; messages: number; commitments: number }> {
  const actions = await sql<{ n: number }>`select count(*)::int as n from (select commitment_id, action from actions where commitment_id is not null group by 1, 2 having count(*) > 1) d`.execute(db);
  // An entry whose text is its message's keeps none of its own (comms/outbox.repo.ts): its text is the message's.
  const messages = await sql<{ n: number }>`
    select count(*)::int as n from (
      select o.customer_id, o.channel, case when o.text_from_message then m.body else o.body end as body
      from outbox o left join messages m on m.id = o.message_id
      where o.origin <> 'agent' group by 1, 2, 3 having count(*) > 1) d`.execute(db);
  const commitments = await sql<{ n: number }>`select count(*)::int as n from (select policy_id, opened_by from commitments group by 1, 2 having count(*) > 1) d`.execute(db);
  return { actions: Number(actions.rows[0]?.n ?? 0), messages: Number(messages.rows[0]?.n ?? 0), commitments: Number(commitments.rows[0]?.n ?? 0) };
}

async function run(processes: number): Promise<Outcome> {
  const bench = await openBenchStore({ kind: 'postgres' });
  const url = 'databaseUrl' in bench.connection ? bench.connection.databaseUrl : undefined;
  if (!url) throw new Error('the multi-process bench needs PostgreSQL');
  const workers = Array.from({ length: processes }, (_, index) => startWorker(url, index, processes));
  try {
    await Promise.all(workers.map((child) => nextMessage(child, 'ready')));
    const started = performance.now();
    const ingested = workers.map((child) => nextMessage<WorkerIngested>(child, 'ingested'));
    for (const child of workers) child.send({ type: 'ingest' } satisfies ParentMessage);
    const shares = await Promise.all(ingested);
    const seconds = (performance.now() - started) / 1000;
    const total = shares.reduce((sum, share) => sum + share.events, 0);
    if (total !== events) throw new Error(`${processes} processes ingested ${total} of ${events} events`);
    const timersStarted = performance.now();
    const fired = workers.map((child) => nextMessage<WorkerTimersDone>(child, 'timers-done'));
    for (const child of workers) child.send({ type: 'timers', to: timersTo } satisfies ParentMessage);
    await Promise.all(fired);
    const timerSeconds = (performance.now() - timersStarted) / 1000;
    const { counts: rows } = await digestRows(bench.store.db);
    const states = await sql<{ key: string; n: number }>`select kind || ' ' || state as key, count(*)::int as n from commitments group by 1 order by 1`.execute(bench.store.db);
    const actions = await sql<{ key: string; n: number }>`select action as key, count(*)::int as n from actions group by 1 order by 1`.execute(bench.store.db);
    const duplicates = await countDuplicates(bench.store.db);
    return {
      processes,
      seconds: round(seconds, 2),
      eventsPerSecond: Math.round(events / seconds),
      cpuMsPerEvent: round(shares.reduce((sum, share) => sum + share.cpuMicros, 0) / 1000 / events, 3),
      timerSeconds: round(timerSeconds, 2),
      rows,
      commitmentsByState: Object.fromEntries(states.rows.map((row) => [row.key, Number(row.n)])),
      actionsByName: Object.fromEntries(actions.rows.map((row) => [row.key, Number(row.n)])),
      duplicateActions: duplicates.actions,
      duplicateMessages: duplicates.messages,
      duplicateCommitments: duplicates.commitments,
      loadAverage: round(loadavg()[0] ?? 0, 1),
    };
  } finally {
    for (const child of workers) if (child.connected) child.send({ type: 'stop' } satisfies ParentMessage);
    await Promise.all(workers.map((child) => (child.exitCode === null ? new Promise((resolve) => child.once('exit', resolve)) : undefined)));
    await bench.dispose();
  }
}

/**
 * Where the rows differ from one process's. Not a failure by itself: each process ingests smaller batches of
 * its own customers, and what Kept decides can depend on a batch's make-up (docs/scaling.md says which).
 */
function differences(single: Outcome, other: Outcome): string[] {
  const found: string[] = [];
  for (const [name, expected, actual] of [
    ['rows', single.rows, other.rows],
    ['commitments', single.commitmentsByState, other.commitmentsByState],
    ['actions', single.actionsByName, other.actionsByName],
  ] as const) {
    for (const key of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
      if (expected[key] !== actual[key]) found.push(`${name}.${key}: ${expected[key] ?? 0} with one process, ${actual[key] ?? 0} with ${other.processes}`);
    }
  }
  return found;
}

/** What must hold whatever the number of processes: nothing done twice that one process does once. */
function doneTwice(single: Outcome, other: Outcome): string[] {
  const found: string[] = [];
  if (other.duplicateActions > single.duplicateActions) found.push(`${other.duplicateActions} actions recorded twice for one commitment (${single.duplicateActions} with one process)`);
  if (other.duplicateMessages > single.duplicateMessages) found.push(`${other.duplicateMessages} automatic messages sent twice (${single.duplicateMessages} with one process)`);
  if (other.duplicateCommitments > single.duplicateCommitments) found.push(`${other.duplicateCommitments} commitments opened twice for one cause (${single.duplicateCommitments} with one process)`);
  return found;
}

const outcomes: Outcome[] = [];
for (const processes of counts) {
  process.stderr.write(`${processes} process(es), ${events.toLocaleString('en')} events…\n`);
  outcomes.push(await run(processes));
}
const single = outcomes[0]!;
const failures = outcomes.slice(1).flatMap((outcome) => doneTwice(single, outcome));

console.table(
  outcomes.map((outcome) => ({
    processes: outcome.processes,
    'events/s': outcome.eventsPerSecond,
    '× one process': round(outcome.eventsPerSecond / single.eventsPerSecond, 2),
    'CPU ms/event (kept)': outcome.cpuMsPerEvent,
    'timers (s)': outcome.timerSeconds,
    'repeated actions': outcome.duplicateActions,
    'duplicate messages': outcome.duplicateMessages,
    'duplicate commitments': outcome.duplicateCommitments,
    load: outcome.loadAverage,
  })),
);

const figures: BenchFigure[] = outcomes.slice(1).map((outcome) => ({
  label: `Ingest through ${outcome.processes} kept processes on one PostgreSQL`,
  value: outcome.eventsPerSecond,
  unit: 'events/s',
  baseline: { label: 'the same stream through one process, same run', value: single.eventsPerSecond, unit: 'events/s' },
  ratio: round(outcome.eventsPerSecond / single.eventsPerSecond, 2),
  detail: `commitments with one action recorded more than once ${outcome.duplicateActions} (one process: ${single.duplicateActions}, a policy's repeated steps), automatic messages sent twice ${outcome.duplicateMessages} (${single.duplicateMessages}), commitments opened twice for one cause ${outcome.duplicateCommitments} (${single.duplicateCommitments}); ${differences(single, outcome).length} row counts differ from one process's (docs/scaling.md); load average ${outcome.loadAverage}`,
}));
const file = writeBenchResult({
  bench: 'multi-process',
  title: 'Ingest through several processes',
  ranAt: new Date().toISOString(),
  machine: describeMachine(),
  parameters: { events, batch, seed, processes: counts, postgres: (await serverVersion()) ?? 'unknown' },
  figures,
  notes: [
    'Each process ingests the events of its share of the customers, in stream order; all processes run at once on one database, then all move their clocks past every deadline at the same time.',
    `Commitments after the timers, one process: ${Object.entries(single.commitmentsByState)
      .map(([state, n]) => `${state} ${n}`)
      .join(', ')}.`,
  ],
  raw: { outcomes, differences: Object.fromEntries(outcomes.slice(1).map((outcome) => [outcome.processes, differences(single, outcome)])) },
});
process.stderr.write(`wrote ${file.pathname.split('/').slice(-2).join('/')}\n`);
if (failures.length > 0) {
  process.stderr.write(`Several processes did twice what one process does once:\n${failures.map((failure) => `- ${failure}`).join('\n')}\n`);
  process.exit(1);
}
