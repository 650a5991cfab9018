// `npm run bench:search [-- --messages 1000000] [--pglite-messages N] [--stores postgres,pglite] [--queries 1100]`:
// search latency with a million messages. Each store is filled set-based (INSERT … SELECT generate_series: a
// statement per table and chunk) with customers, their email and phone, orders with tracking numbers, cases
// and messages of a dozen words each, then analysed; then the search service answers a mix of what agents
// type — a name, an email or phone fragment, an order's last digits or whole number, a case number, a common
// word, two common words, rare words and a number, a word no message holds, two characters — one query at a
// time, and we report p50/p99 per kind of query and overall, beside a primary-key read of a message.
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import type { Store } from '../src/db/create-db.js';
import { createSearchService } from '../src/features/search/search.service.js';
import { openBenchStore, serverVersion, type BenchStoreKind } from './lib/bench-store.js';
import { describeMachine } from './lib/machine.js';
import { percentile, round } from './lib/measure.js';
import { writeBenchResult, type BenchFigure } from './lib/results.js';

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '1000000' },
    stores: { type: 'string', default: 'postgres,pglite' },
    queries: { type: 'string', default: '1100' },
    'pglite-messages': { type: 'string' },
  },
});
const messageCount = Number(values.messages);
const queryCount = Number(values.queries);
const stores = values.stores.split(',').map((name) => name.trim()) as BenchStoreKind[];
const target = 50;

const first = ['Ana', 'Ben', 'Chloe', 'David', 'Emma', 'Farid', 'Grace', 'Hugo', 'Ines', 'Jonas', 'Kira', 'Liam', 'Mona', 'Nils', 'Olga', 'Pablo'];
const last = ['Lopez', 'Meyer', 'Nakamura', 'Okafor', 'Petrov', 'Quinn', 'Rossi', 'Silva', 'Tanaka', 'Udeh', 'Varga', 'Weber'];
const words = [
  'order',
  'refund',
  'parcel',
  'delivery',
  'kettle',
  'broken',
  'late',
  'card',
  'account',
  'credit',
  'please',
  'thanks',
  'when',
  'where',
  'tracking',
  'courier',
  'invoice',
  'address',
  'return',
  'label',
  'damaged',
  'missing',
  'lid',
  'box',
  'charger',
  'blender',
  'toaster',
  'manager',
  'call',
  'email',
  'week',
  'today',
  'again',
  'still',
  'waiting',
  'voucher',
  'gift',
  'birthday',
  'tickets',
  'convention',
];
const textArray = (items: readonly string[]) => sql.raw(`array[${items.map((item) => `'${item}'`).join(',')}]`);

/** Customers, identities, orders and cases: one per ten messages. Messages of a dozen words, in chunks. */
async function fill(store: Store, messages: number): Promise<number> {
  const started = performance.now();
  const people = Math.max(10, Math.floor(messages / 10));
  const db = store.db;
  await sql`insert into customers (id, name, created_at, updated_at)
    select 'cus_b' || g, (${textArray(first)})[1 + g % ${first.length}] || ' ' || (${textArray(last)})[1 + (g / ${first.length}) % ${last.length}], now(), now()
    from generate_series(1, ${people}::int) g`.execute(db);
  await sql`insert into identities (id, customer_id, kind, value, created_at)
    select 'idn_be' || g, 'cus_b' || g, 'email', 'user' || g || '@example.com', now() from generate_series(1, ${people}::int) g
    union all
    select 'idn_bp' || g, 'cus_b' || g, 'phone', '+1555' || lpad(g::text, 7, '0'), now() from generate_series(1, ${people}::int) g`.execute(db);
  await sql`insert into orders (id, number, customer_id, state, status_token, tracking_number, updated_at)
    select 'ord_b' || g, 'SB-' || (100000 + g), 'cus_b' || g, 'shipped', 'tok_b' || g, '1Z' || upper(substr(md5(g::text), 1, 16)), now()
    from generate_series(1, ${people}::int) g`.execute(db);
  await sql`insert into cases (id, customer_id, state, subject, status_token, created_at, updated_at)
    select 'cas_b' || g, 'cus_b' || g, 'open', initcap((${textArray(words)})[1 + g % ${words.length}]) || ' ' || (${textArray(words)})[1 + (g / 7) % ${words.length}] || ' for order SB-' || (100000 + g), 'ctok_b' || g, now(), now()
    from generate_series(1, ${people}::int) g`.execute(db);
  const chunk = 250_000;
  for (let done = 0; done < messages; done += chunk) {
    const n = Math.min(chunk, messages - done);
    // Twelve words a message, picked by a hash of the row and the position: the same text every run.
    await sql`insert into messages (id, case_id, customer_id, direction, channel, author_kind, body, status, at)
      select 'msg_b' || g, 'cas_b' || (1 + g % ${people}), 'cus_b' || (1 + g % ${people}), case when g % 2 = 0 then 'in' else 'out' end, 'email',
        case when g % 2 = 0 then 'customer' else 'agent' end,
        (select string_agg((${textArray(words)})[1 + abs(hashint8(g * 16 + k)) % ${words.length}], ' ') from generate_series(1, 12) k) || ' ' || g,
        'received', now() - (g || ' seconds')::interval
      from generate_series(${done + 1}::int, ${done + n}::int) g`.execute(db);
  }
  await sql`analyze`.execute(db);
  return (performance.now() - started) / 1000;
}

const queryKinds = [
  'last name',
  'email fragment',
  'phone fragment',
  'order last digits',
  'order number',
  'case number',
  'one word',
  'two words',
  'rare words and a number',
  'nothing there',
  'two characters',
];

/** What agents type, drawn in turn: fragments of identifiers, names and words (in the order of queryKinds). */
function queries(people: number): string[] {
  const pick = (i: number) => 1 + ((i * 7919) % people);
  const mix: string[] = [];
  for (let i = 0; i < queryCount; i += 1) {
    const n = pick(i);
    const kinds = [
      () => last[i % last.length]!,
      () => `user${n}@exam`,
      () => `555${String(n).padStart(7, '0').slice(2, 7)}`,
      () => String(100000 + n).slice(-4),
      () => `SB-${100000 + n}`,
      () => `K-${n}`,
      () => words[i % words.length]!,
      () => `${words[i % words.length]} ${words[(i * 3) % words.length]}`,
      () => `voucher birthday ${n}`,
      () => `zephyr${n}`,
      () => ['an', 'lo', '12', 'K-', 'zz'][i % 5]!,
    ];
    mix.push(kinds[i % kinds.length]!());
  }
  return mix;
}

const load = () => round(loadavg()[0] ?? 0, 2);
const summary = (times: number[]) => ({ p50: round(percentile(times, 0.5)), p99: round(percentile(times, 0.99)) });

async function measure(kind: BenchStoreKind, messages: number) {
  const bench = await openBenchStore({ kind });
  try {
    console.error(`${kind}: filling ${messages.toLocaleString('en')} messages…`);
    const fillSeconds = await fill(bench.store, messages);
    console.error(`${kind}: filled in ${round(fillSeconds, 1)} s`);
    const search = createSearchService({ db: bench.store.db });
    const loadBefore = load();
    const mix = queries(Math.max(10, Math.floor(messages / 10)));
    for (const q of mix.slice(0, 20)) await search.search({ q, limit: 20 });
    const samples: number[] = [];
    // By what was typed (the mix's kinds in turn), so a slow kind of query shows by name.
    const byKind = new Map<string, number[]>();
    let hits = 0;
    for (const [index, q] of mix.entries()) {
      const started = performance.now();
      const found = await search.search({ q, limit: 20 });
      const ms = performance.now() - started;
      samples.push(ms);
      const kindName = queryKinds[index % queryKinds.length]!;
      byKind.set(kindName, [...(byKind.get(kindName) ?? []), ms]);
      hits += found.items.length;
    }
    // Baseline of the same run: a message read by its primary key, the cheapest indexed read there is; it
    // shows how much of each figure is the machine and the round trip.
    const keyed: number[] = [];
    for (let i = 0; i < mix.length; i += 1) {
      const started = performance.now();
      await sql`select id, body, at from messages where id = ${`msg_b${1 + ((i * 7919) % messages)}`}`.execute(bench.store.db);
      keyed.push(performance.now() - started);
    }
    const loadAfter = load();
    const perKind = Object.fromEntries([...byKind].map(([name, times]) => [name, summary(times)]));
    return {
      kind,
      messages,
      fillSeconds: round(fillSeconds, 1),
      loadBefore,
      loadAfter,
      ...summary(samples),
      p95: round(percentile(samples, 0.95)),
      max: round(Math.max(...samples)),
      meanHits: round(hits / mix.length, 1),
      perKind,
      keyedRead: summary(keyed),
    };
  } finally {
    await bench.dispose();
  }
}

const runs = [];
for (const kind of stores) {
  const messages = kind === 'pglite' && values['pglite-messages'] ? Number(values['pglite-messages']) : messageCount;
  const run = await measure(kind, messages);
  console.error(`${kind}, ${messages.toLocaleString('en')} messages (load average ${run.loadBefore} → ${run.loadAfter}):`);
  console.table({ ...run.perKind, overall: { p50: run.p50, p99: run.p99 }, 'message by primary key': run.keyedRead });
  runs.push(run);
}

const storeName = (kind: BenchStoreKind) => (kind === 'pglite' ? 'embedded store (PGlite)' : 'PostgreSQL');
const figures: BenchFigure[] = runs.flatMap((run) => [
  {
    label: `Search p99, ${storeName(run.kind)}, ${run.messages.toLocaleString('en')} messages`,
    value: run.p99,
    unit: 'ms',
    target: `p99 < ${target} ms with 1,000,000 messages`,
    meetsTarget: run.messages >= 1_000_000 && run.p99 < target,
    baseline: { label: 'a message read by its primary key, p99', value: run.keyedRead.p99, unit: 'ms' },
    ratio: round(run.p99 / run.keyedRead.p99, 1),
    detail: `p50 ${run.p50} ms, p95 ${run.p95} ms, max ${run.max} ms over ${queryCount} queries (${run.meanHits} hits each on average); filled in ${run.fillSeconds} s; load average ${run.loadBefore} before, ${run.loadAfter} after`,
  },
  {
    label: `Search by kind of query, ${storeName(run.kind)}, ${run.messages.toLocaleString('en')} messages: the slowest kind's p99`,
    value: Math.max(...Object.values(run.perKind).map((times) => times.p99)),
    unit: 'ms',
    detail: `p50 / p99 in ms: ${Object.entries(run.perKind)
      .map(([name, times]) => `${name} ${times.p50} / ${times.p99}`)
      .join('; ')}`,
  },
]);
const postgres = stores.includes('postgres') ? await serverVersion() : undefined;
writeBenchResult({
  bench: 'search',
  title: 'Search (GET /api/v1/search)',
  ranAt: new Date().toISOString(),
  machine: describeMachine(),
  ...(postgres ? { postgres } : {}),
  parameters: {
    messages: messageCount,
    ...(values['pglite-messages'] ? { pgliteMessages: Number(values['pglite-messages']) } : {}),
    stores,
    queries: queryCount,
    loadAverage: runs.map((run) => run.loadBefore),
  },
  figures,
  notes: [
    'The search service is called directly, one query at a time, after 20 warm-up queries; customers, orders and cases are one per ten messages. On PostgreSQL the four kinds (customers, orders, cases, messages) are read at once on four pooled connections; PGlite has one connection and reads them one after another.',
    `Each kind of query is ${Math.round(queryCount / queryKinds.length)} of the ${queryCount}; the load average (1 minute) is taken before and after each store's queries, on a machine other work shares.`,
  ],
  raw: runs,
});
