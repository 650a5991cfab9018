// `npm run bench:api [-- --customers 500 --seconds 20 --rate 1000 --writes 50 --cache --stores pglite,postgres --profile]`: the SPEC §5
// API target. GET /api/v1/cases/{id} at a fixed rate (autocannon), beside the unauthenticated health route
// at the same rate in the same run. The server runs in its own process (bench/lib/api-server.ts), so the
// load generator does not steal its event loop; the case reads are measured after a warm-up at the full rate.
// With --profile, the server writes a CPU profile of the case reads to .bench-out/api-<store>.cpuprofile;
// by default events arrive meanwhile (--writes 50 events/s through ingest, new messages on the cases read)
// and PGlite keeps no case views (every read goes to the store); --cache keeps them, --writes 0 reads an idle
// store. The result goes to api-latency-<store>[-cached][-idle].json.
import { fork, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { benchToken, type ApiServerReady, type ApiServerStats } from './lib/api-cases.js';
import { serverVersion, type BenchStoreKind } from './lib/bench-store.js';
import { describeMachine } from './lib/machine.js';
import { writeBenchResult } from './lib/results.js';

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '500' },
    seconds: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '5' },
    rate: { type: 'string', default: '1000' },
    connections: { type: 'string', default: '20' },
    stores: { type: 'string', default: 'pglite,postgres' },
    profile: { type: 'boolean', default: false },
    cache: { type: 'boolean', default: false },
    writes: { type: 'string', default: '50' },
  },
});
const customers = Number(values.customers);
const seconds = Number(values.seconds);
const warmupSeconds = Number(values.warmup);
const rate = Number(values.rate);
const connections = Number(values.connections);
const stores = values.stores.split(',').map((name) => name.trim()) as BenchStoreKind[];
const writes = Number(values.writes);
/** How the run differs from reading an idle store with no kept views: in its result's name and labels. */
const variant = `${values.cache ? ', kept views' : ''}${writes > 0 ? `, ${writes} events/s ingested meanwhile` : ', no writes'}`;
const variantFile = `${values.cache ? '-cached' : ''}${writes > 0 ? '' : '-idle'}`;

interface Run {
  route: string;
  /** CPU time per request, in ms: of the Kept process, and of its PostgreSQL backends. */
  keptCpuMs?: number;
  postgresCpuMs?: number;
  requests: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  errors: number;
  non2xx: number;
}

async function load(options: { url: string; paths: string[]; label: string; seconds: number }): Promise<Run> {
  let next = 0;
  const result = await autocannon({
    url: options.url,
    connections,
    overallRate: rate,
    duration: options.seconds,
    headers: { authorization: `Bearer ${benchToken}` },
    requests: [{ setupRequest: (request) => ({ ...request, path: options.paths[next++ % options.paths.length]! }) }],
  });
  return {
    route: options.label,
    requests: result.requests.total,
    rps: result.requests.average,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

// Linux reports process times in clock ticks of 1/100 s.
const ticksPerSecond = 100;

/** CPU seconds used so far by each PostgreSQL backend serving `database`, by process id (Linux /proc; none elsewhere). */
function postgresCpuSeconds(database: string | undefined): Map<string, number> {
  const seconds = new Map<string, number>();
  if (!database) return seconds;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(` ${database} `)) continue;
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      seconds.set(pid, (Number(fields[11]) + Number(fields[12])) / ticksPerSecond);
    } catch {
      // The process ended while it was being read.
    }
  }
  return seconds;
}

/** CPU seconds the backends used between two readings; a backend that ended in between is not counted (the pool closes idle ones). */
function postgresCpuBetween(before: Map<string, number>, after: Map<string, number>): number {
  let total = 0;
  for (const [pid, seconds] of after) total += seconds - (before.get(pid) ?? 0);
  return total;
}

/** A load run with the CPU time it cost the Kept process and the PostgreSQL backends, per request. */
async function loadWithCpu(child: ChildProcess, database: string | undefined, options: Parameters<typeof load>[0]): Promise<Run> {
  const stats = () => ask<ApiServerStats & { type: 'stats' }>(child, { type: 'stats' });
  const [keptBefore, postgresBefore] = [(await stats()).cpuMicros, postgresCpuSeconds(database)];
  const run = await load(options);
  const [keptAfter, postgresAfter] = [(await stats()).cpuMicros, postgresCpuSeconds(database)];
  const perRequest = (total: number) => Math.round((total / Math.max(run.requests, 1)) * 1000) / 1000;
  return { ...run, keptCpuMs: perRequest((keptAfter - keptBefore) / 1000), ...(database ? { postgresCpuMs: perRequest(postgresCpuBetween(postgresBefore, postgresAfter) * 1000) } : {}) };
}

function startServer(kind: BenchStoreKind): { child: ChildProcess; ready: Promise<ApiServerReady> } {
  const child = fork(
    fileURLToPath(new URL('./lib/api-server.ts', import.meta.url)),
    ['--store', kind, '--customers', String(customers), '--writes', String(writes), ...(values.cache ? [] : ['--uncached'])],
    { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] },
  );
  const ready = new Promise<ApiServerReady>((resolve, reject) => {
    child.once('message', (message: ApiServerReady) => resolve(message));
    child.once('exit', (code) => reject(new Error(`the ${kind} server exited (code ${code}) before it was ready`)));
  });
  return { child, ready };
}

function ask<T>(child: ChildProcess, message: { type: string; file?: string }): Promise<T> {
  return new Promise((resolve) => {
    child.once('message', (answer: T) => resolve(answer));
    child.send(message);
  });
}

const cpuDetail = (run: Run) => `${run.keptCpuMs} ms in Kept${run.postgresCpuMs !== undefined ? ` + ${run.postgresCpuMs} ms in PostgreSQL` : ''}`;

const loadAverage = () => os.loadavg().map((value) => Math.round(value * 100) / 100);

async function measure(kind: BenchStoreKind): Promise<void> {
  const { child, ready } = startServer(kind);
  const server = await ready;
  const casePaths = server.caseIds.map((id) => `/api/v1/cases/${id}`);
  const loadBefore = loadAverage();
  const baseline = await loadWithCpu(child, server.database, { url: server.url, paths: ['/api/v1/health'], label: 'GET /api/v1/health (baseline)', seconds });
  // Right before the case reads, so that the pool's connections are open and warm when they are measured.
  await load({ url: server.url, paths: casePaths, label: 'warm-up', seconds: warmupSeconds });
  const profile = fileURLToPath(new URL(`../.bench-out/api-${kind}.cpuprofile`, import.meta.url));
  if (values.profile) await ask(child, { type: 'profile-start' });
  const cases = await loadWithCpu(child, server.database, { url: server.url, paths: casePaths, label: 'GET /api/v1/cases/{id}', seconds });
  if (values.profile) await ask(child, { type: 'profile-stop', file: profile });
  const loadAfter = loadAverage();
  const { rss } = await ask<ApiServerStats & { type: 'stats' }>(child, { type: 'stats' });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.send({ type: 'stop' });
  await exited;

  const { seeded } = server;
  const ratio = baseline.p99 > 0 ? cases.p99 / baseline.p99 : undefined;
  console.table([baseline, cases]);
  if (values.profile) process.stdout.write(`CPU profile of the case reads: ${profile}\n`);
  process.stdout.write(`${kind}: p99 ${cases.p99} ms (target < 25 ms at ${rate} req/s); baseline p99 ${baseline.p99} ms; load average ${loadBefore.join(' ')} → ${loadAfter.join(' ')}\n`);
  const perCase = (total: number) => Math.round((total / seeded.cases) * 10) / 10;
  writeBenchResult({
    bench: `api-latency-${kind}${variantFile}`,
    title: `API latency reading a case (${kind}${variant})`,
    ranAt: new Date().toISOString(),
    machine: describeMachine(),
    ...(kind === 'postgres' ? { postgres: await serverVersion() } : {}),
    parameters: { store: kind, rate, seconds, warmup: warmupSeconds, customers, cases: seeded.cases, connections },
    figures: [
      {
        spec: 'api',
        label: `GET /api/v1/cases/{id} p99 at ${rate} req/s (${kind}${variant})`,
        value: cases.p99,
        unit: 'ms',
        target: 'p99 < 25 ms at 1,000 requests/s',
        meetsTarget: cases.p99 < 25 && cases.rps >= rate * 0.95,
        baseline: { label: 'GET /api/v1/health p99, same rate, same run', value: baseline.p99, unit: 'ms' },
        ...(ratio !== undefined ? { ratio } : {}),
        detail: `p50 ${cases.p50} ms, p90 ${cases.p90} ms, ${Math.round(cases.rps)} req/s served (health: p50 ${baseline.p50} ms, ${Math.round(baseline.rps)} req/s), ${cases.errors} errors, ${cases.non2xx} non-2xx; CPU per read ${cpuDetail(cases)} (health ${cpuDetail(baseline)}); server RSS ${Math.round(rss / 1e6)} MB`,
      },
    ],
    notes: [
      `Load average (1, 5, 15 min) ${loadBefore.join(', ')} before the runs and ${loadAfter.join(', ')} after.`,
      `${seeded.cases} cases of ${seeded.customers} customers read in turn (${seeded.claimCases} claims); per case on average ${perCase(seeded.messages)} messages, ${perCase(seeded.commitments)} commitments, ${perCase(seeded.notes)} notes, ${perCase(seeded.documents)} documents; ${seeded.casesWithRiskSignals} cases with risk signals, ${seeded.escalated} escalated.`,
      `One read of the fullest case runs ${server.statementsPerRead} SQL statements and returns ${server.bytesPerRead} bytes.`,
      `The server runs in its own process; autocannon (${connections} connections, fixed overall rate, latencies corrected for coordinated omission) in the bench process; the case reads after a ${warmupSeconds} s warm-up at the full rate.`,
    ],
    raw: { runs: [baseline, cases], seeded, loadBefore, loadAfter },
  });
}

for (const kind of stores) await measure(kind);
