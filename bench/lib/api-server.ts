// The server side of the API latency bench, run in its own process (forked by bench/api.bench.ts)
// so that the load generator never shares its event loop. Seeds the cases of api-cases.ts through ingest,
// listens, reports the case ids and what they hold, and stops when the parent says so.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Session } from 'node:inspector/promises';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { buildApp } from '../../src/app.js';
import { parseEventsBody } from '../../src/features/events/parse-events.js';
import type { EventInput } from '../../src/features/events/event.schemas.js';
import { loadConfig } from '../../src/config/config.js';
import { benchToken, customerEvents, type ApiServerReady, type ApiServerStats } from './api-cases.js';
import { openBenchStore, type BenchStoreKind } from './bench-store.js';

async function count(query: Promise<{ n: number | string | bigint }[]>): Promise<number> {
  return Number((await query)[0]?.n ?? 0);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { store: { type: 'string', default: 'pglite' }, customers: { type: 'string', default: '500' }, uncached: { type: 'boolean', default: false }, writes: { type: 'string', default: '0' } },
  });
  const kind = values.store as BenchStoreKind;
  const customers = Number(values.customers);
  let counting = false;
  let statements = 0;
  const bench = await openBenchStore({
    kind,
    log: () => {
      if (counting) statements += 1;
    },
  });
  // Logging at the level `kept start` uses, so its cost per request is in the figure (stdout goes nowhere).
  const config = loadConfig({ KEPT_CLOCK: 'manual', KEPT_LOG_LEVEL: 'info', KEPT_ADMIN_TOKEN: benchToken });
  // Without the store's write count no case view is kept: every read goes to the store, as under steady writes.
  const store = values.uncached ? { ...bench.store, writes: undefined } : bench.store;
  const kept = await buildApp({ config, store, clockStart: new Date('2026-12-01T09:00:00Z') });
  const db = bench.store.db;
  process.stderr.write(`seeding ${customers} customers on ${kind}…\n`);
  for (let start = 0; start < customers; start += 100) {
    const events = [];
    for (let i = start; i < Math.min(customers, start + 100); i += 1) events.push(...customerEvents(i));
    await kept.services.ingest.ingestEvents(parseEventsBody({ events }));
  }
  const caseIds = (await db.selectFrom('cases').select('id').orderBy('number').execute()).map((row) => row.id);
  const seeded = {
    customers,
    cases: caseIds.length,
    claimCases: await count(db.selectFrom('cases').select(sql<number>`count(*)`.as('n')).where('kind', '=', 'claim').execute()),
    messages: await count(db.selectFrom('messages').select(sql<number>`count(*)`.as('n')).where('case_id', 'is not', null).execute()),
    commitments: await count(db.selectFrom('commitments').select(sql<number>`count(*)`.as('n')).where('case_id', 'is not', null).execute()),
    notes: await count(db.selectFrom('case_notes').select(sql<number>`count(*)`.as('n')).execute()),
    documents: await count(sql<{ n: number }>`select count(*) as n from claim_documents`.execute(db).then((result) => result.rows)),
    casesWithRiskSignals: await count(db.selectFrom('cases').select(sql<number>`count(*)`.as('n')).where(sql<boolean>`jsonb_array_length(risk_signals) > 0`).execute()),
    escalated: await count(db.selectFrom('cases').select(sql<number>`count(*)`.as('n')).where('escalated', '=', true).execute()),
  };

  // One read of the richest case from the store, counted statement by statement (the token is cached by then).
  const richest = await sql<{
    id: string;
  }>`select c.id from cases c order by (select count(*) from messages m where m.case_id = c.id) + (select count(*) from case_notes n where n.case_id = c.id) desc limit 1`.execute(db);
  const headers = { authorization: `Bearer ${benchToken}` };
  await kept.app.inject({ method: 'GET', url: '/api/v1/cases?limit=1', headers });
  counting = true;
  const sample = await kept.app.inject({ method: 'GET', url: `/api/v1/cases/${richest.rows[0]!.id}`, headers });
  counting = false;

  await kept.app.listen({ port: 0, host: '127.0.0.1' });
  const address = kept.app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const database = bench.location.startsWith('database ') ? bench.location.slice('database '.length) : undefined;
  const ready: ApiServerReady = { type: 'ready', url, caseIds, seeded, statementsPerRead: statements, bytesPerRead: sample.rawPayload.length, database };
  const send = (message: ApiServerReady | ApiServerStats) => process.send?.(message);
  send(ready);
  const writer = startWrites({ ingest: kept.services.ingest.ingestEvents, customers, perSecond: Number(values.writes), clock: () => kept.clock.now() });

  // A CPU profile of the measured window only (seeding and warm-up left out), written on `profile-stop`.
  const profiler = new Session();
  process.on('message', (message: { type: string; file?: string }) => {
    if (message.type === 'stats') {
      const cpu = process.cpuUsage();
      send({ type: 'stats', rss: process.memoryUsage().rss, cpuMicros: cpu.user + cpu.system });
    }
    if (message.type === 'profile-start') {
      void (async () => {
        profiler.connect();
        await profiler.post('Profiler.enable');
        await profiler.post('Profiler.start');
        send({ type: 'profiling' });
      })();
    }
    if (message.type === 'profile-stop' && message.file) {
      const file = message.file;
      void (async () => {
        const { profile } = await profiler.post('Profiler.stop');
        profiler.disconnect();
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, JSON.stringify(profile));
        send({ type: 'profiled' });
      })();
    }
    if (message.type === 'stop') {
      void (async () => {
        await writer.stop();
        await kept.close();
        await bench.dispose();
        process.disconnect?.();
      })();
    }
  });
}

/**
 * Events arriving while cases are read, as in a working day: every 200 ms a fifth of the rate, each a new
 * message from a seeded customer (so it lands on a case being read) through the same ingest as POST /events.
 */
function startWrites(options: { ingest: (events: EventInput[]) => Promise<unknown>; customers: number; perSecond: number; clock: () => Date }): { stop(): Promise<void> } {
  if (options.perSecond <= 0) return { stop: async () => {} };
  let written = 0;
  let running: Promise<unknown> = Promise.resolve();
  const perTick = Math.max(1, Math.round(options.perSecond / 5));
  const timer = setInterval(() => {
    const events = Array.from({ length: perTick }, () => {
      const i = written++ % options.customers;
      return {
        id: `api-live-${written}`,
        type: 'contact.received',
        occurred_at: options.clock().toISOString(),
        customer: { email: `bench${i}@example.com` },
        data: { channel: 'chat', text: `Any news on order B-${i}? (message ${written})` },
      };
    });
    // One batch at a time, as one client posting events would; a slow batch delays the next, never overlaps it.
    running = running.then(() => options.ingest(parseEventsBody({ events }))).catch((error: unknown) => process.stderr.write(`ingest during the bench failed: ${String(error)}\n`));
  }, 200);
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

await main();
