// API latency: GET /api/v1/cases/{id} at a fixed 1,000 requests/s (autocannon), beside a baseline of the
// unauthenticated health route measured in the same run. Usage: npm run bench:api [-- --cases 2000 --seconds 20 --rate 1000 --store pglite|postgres]
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { createStore } from '../src/db/create-db.js';
import { createTestStore } from '../test/helpers/stores.js';
import { describeMachine } from './lib/machine.js';
import { writeBenchResult } from './lib/results.js';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '2000' },
    seconds: { type: 'string', default: '20' },
    rate: { type: 'string', default: '1000' },
    store: { type: 'string', default: 'pglite' },
  },
});
const caseCount = Number(values.cases);
const seconds = Number(values.seconds);
const rate = Number(values.rate);
const token = 'kept_bench_admin_token_0123456789';

async function openStore() {
  if (values.store === 'postgres') return createTestStore('postgres');
  return createStore({ dataDir: mkdtempSync(join(tmpdir(), 'kept-bench-api-')) });
}

interface Run {
  route: string;
  requests: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function load(options: { url: string; paths: string[]; label: string }): Promise<Run> {
  let next = 0;
  const result = await autocannon({
    url: options.url,
    connections: 20,
    overallRate: rate,
    duration: seconds,
    headers: { authorization: `Bearer ${token}` },
    requests: [{ setupRequest: (request) => ({ ...request, path: options.paths[next++ % options.paths.length]! }) }],
  });
  return { route: options.label, requests: result.requests.total, rps: result.requests.average, p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx };
}

async function main(): Promise<void> {
  const store = await openStore();
  const config = loadConfig({ KEPT_CLOCK: 'manual', KEPT_LOG_LEVEL: 'silent', KEPT_ADMIN_TOKEN: token });
  const kept = await buildApp({ config, store, clockStart: new Date('2026-12-01T09:00:00Z') });
  process.stdout.write(`seeding ${caseCount} cases…\n`);
  for (let start = 0; start < caseCount; start += 500) {
    const events = [];
    for (let i = start; i < Math.min(caseCount, start + 500); i += 1) {
      const customer = { email: `bench${i}@example.com`, name: `Customer ${i}` };
      events.push({ id: `api-${i}-placed`, type: 'order.placed', occurred_at: '2026-11-30T10:00:00Z', customer, order: { id: `B-${i}`, total: { amount: '25.00', currency: 'USD' }, payment: { method: 'card', last4: '4242' } } });
      for (let m = 0; m < 4; m += 1) {
        events.push({ id: `api-${i}-c${m}`, type: 'contact.received', occurred_at: `2026-12-01T0${m}:00:00Z`, customer, order: { id: `B-${i}` }, data: { channel: m % 2 ? 'email' : 'chat', text: `Message ${m} about order B-${i}: where is it?` } });
      }
    }
    await kept.services.ingest.ingestEvents(events.map((event) => ({ data: {}, ...event })));
  }
  const ids = (await kept.services.cases.listCases({ limit: 200 })).items.map((item) => item.id);
  await kept.app.listen({ port: 0, host: '127.0.0.1' });
  const address = kept.app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  const baseline = await load({ url, paths: ['/api/v1/health'], label: 'GET /api/v1/health (baseline)' });
  const cases = await load({ url, paths: ids.map((id) => `/api/v1/cases/${id}`), label: 'GET /api/v1/cases/{id}' });
  const rss = process.memoryUsage().rss;
  await kept.close();
  await store.close();

  const ratio = baseline.p99 > 0 ? cases.p99 / baseline.p99 : undefined;
  console.table([baseline, cases]);
  process.stdout.write(`p99 ${cases.p99} ms (target < 25 ms at 1,000 req/s); baseline p99 ${baseline.p99} ms\n`);
  writeBenchResult({
    bench: `api-latency-${values.store}`,
    title: `API latency reading a case (${values.store})`,
    ranAt: new Date().toISOString(),
    machine: describeMachine(),
    parameters: { store: values.store, rate, seconds, cases: caseCount, connections: 20 },
    figures: [
      {
        spec: 'api',
        label: `GET /api/v1/cases/{id} p99 at ${rate} req/s (${values.store})`,
        value: cases.p99,
        unit: 'ms',
        target: 'p99 < 25 ms at 1,000 requests/s',
        meetsTarget: cases.p99 < 25 && cases.rps >= rate * 0.95,
        baseline: { label: 'GET /api/v1/health p99, same rate, same run', value: baseline.p99, unit: 'ms' },
        ...(ratio !== undefined ? { ratio } : {}),
        detail: `p50 ${cases.p50} ms, p90 ${cases.p90} ms, ${Math.round(cases.rps)} req/s served, ${cases.errors} errors, ${cases.non2xx} non-2xx; RSS ${Math.round(rss / 1e6)} MB`,
      },
    ],
    notes: [],
    raw: { runs: [baseline, cases] },
  });
}

await main();
