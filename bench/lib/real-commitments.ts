// Open commitments that belong to real customers and cases, many of them, quickly: a sample of the bench's
// event stream is ingested through Kept (the same service POST /events runs), then copied set-based — one
// INSERT … SELECT per table over generate_series — with every id and unique value suffixed per copy, so
// each copy's commitments point at that copy's cases and customers. Only what the open commitments hang on
// is copied (their customers and identities, orders, cases and pending timers); messages stay with the sample.
import { sql, type RawBuilder } from 'kysely';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import type { Db, Store } from '../../src/db/create-db.js';
import { parseEventsBody } from '../../src/features/events/parse-events.js';
import { createEventGenerator } from './event-generator.js';

export interface RealCommitments {
  /** Events ingested through Kept. */
  sampleEvents: number;
  /** Open commitments the sample left. */
  sampleOpen: number;
  copies: number;
  /** Open commitments after copying. */
  open: number;
  cases: number;
  customers: number;
  timers: number;
  seconds: { ingest: number; copy: number };
}

/** Ingests `sampleEvents` through Kept, then copies what its open commitments hang on until about `target` are open. */
export async function seedRealCommitments(options: { store: Store; dataDir: string; sampleEvents: number; target: number; seed: number }): Promise<RealCommitments> {
  const { store, sampleEvents, target } = options;
  const db = store.db;
  const ingestStarted = performance.now();
  const start = new Date(Date.now() - 86_400_000);
  const config = loadConfig({ KEPT_CLOCK: 'manual', KEPT_LOG_LEVEL: 'silent', KEPT_DATA_DIR: options.dataDir });
  const kept = await buildApp({ config, store, clockStart: start });
  const generator = createEventGenerator({ seed: options.seed, start });
  for (let done = 0; done < sampleEvents; done += 500) {
    const events = parseEventsBody({ events: generator.nextBatch(Math.min(500, sampleEvents - done)) });
    const result = await kept.services.ingest.ingestEvents(events);
    if (result.accepted !== events.length) throw new Error(`Kept accepted ${result.accepted} of ${events.length} events`);
  }
  await kept.close();
  const ingestSeconds = (performance.now() - ingestStarted) / 1000;

  const copyStarted = performance.now();
  await sql`create table bench_open as select id, (row_number() over (order by id))::int - 1 as r from commitments where state = 'open'`.execute(db);
  const sampleOpen = await countOf(db, sql`select count(*) as n from bench_open`);
  if (sampleOpen === 0) throw new Error('the sample left no open commitment');
  const copies = Math.max(0, Math.ceil(target / sampleOpen) - 1);
  await sql`create table bench_cases as select distinct case_id as id from commitments join bench_open using (id) where case_id is not null`.execute(db);
  await sql`
    create table bench_orders as
    select order_number as number from commitments join bench_open using (id) where order_number is not null
    union select order_number from cases where id in (select id from bench_cases) and order_number is not null`.execute(db);
  await sql`
    create table bench_customers as
    select customer_id as id from commitments join bench_open using (id) where customer_id is not null
    union select customer_id from cases where id in (select id from bench_cases) and customer_id is not null
    union select customer_id from orders where number in (select number from bench_orders) and customer_id is not null`.execute(db);
  const copy = (table: string, options: { where: RawBuilder<unknown>; suffixed: string[]; set?: Record<string, RawBuilder<unknown>>; from?: RawBuilder<unknown> }) =>
    copyRows(db, { table, copies, ...options });
  await copy('customers', { where: sql`id in (select id from bench_customers)`, suffixed: ['id'], set: { merged_into: sql`null` } });
  await copy('identities', { where: sql`customer_id in (select id from bench_customers)`, suffixed: ['id', 'customer_id', 'value'] });
  await copy('orders', { where: sql`number in (select number from bench_orders)`, suffixed: ['id', 'number', 'customer_id', 'status_token'] });
  await copy('cases', { where: sql`id in (select id from bench_cases)`, suffixed: ['id', 'customer_id', 'order_number', 'status_token'] });
  // Due over the 30 days from tomorrow, copy after copy: nothing falls due until scheduleDueDuringRun says so.
  const spacingMs = (30 * 86_400_000) / Math.max(1, sampleOpen * (copies + 1));
  const firstDue = new Date(Date.now() + 86_400_000).toISOString();
  const dueOf = (k: unknown) => sql`${firstDue}::timestamptz + ((${k} * ${sampleOpen}::int + o.r)::float8 * ${spacingMs}::float8) * interval '1 millisecond'`;
  await copy('commitments', {
    from: sql`commitments join bench_open o using (id)`,
    where: sql`true`,
    suffixed: ['id', 'case_id', 'customer_id', 'order_number', 'open_key'],
    set: { due_at: dueOf(sql`k`) },
  });
  await copy('timers', {
    from: sql`timers join commitments c on c.id = timers.commitment_id join bench_open o on o.id = c.id`,
    where: sql`timers.fired_at is null`,
    suffixed: ['id', 'commitment_id'],
    set: { fire_at: sql`${dueOf(sql`k`)} + (timers.fire_at - c.due_at)`, due_at: dueOf(sql`k`) },
  });
  // The sample itself is copy 0.
  await sql`update timers t set fire_at = ${dueOf(0)} + (t.fire_at - c.due_at), due_at = ${dueOf(0)} from commitments c join bench_open o using (id) where c.id = t.commitment_id and t.fired_at is null`.execute(
    db,
  );
  await sql`update commitments c set due_at = ${dueOf(0)} from bench_open o where o.id = c.id`.execute(db);
  await sql`drop table bench_open, bench_cases, bench_customers, bench_orders`.execute(db);
  await sql`analyze`.execute(db);
  const copySeconds = (performance.now() - copyStarted) / 1000;
  return {
    sampleEvents,
    sampleOpen,
    copies,
    open: await countOf(db, sql`select count(*) as n from commitments where state = 'open'`),
    cases: await countOf(db, sql`select count(*) as n from cases`),
    customers: await countOf(db, sql`select count(*) as n from customers`),
    timers: await countOf(db, sql`select count(*) as n from timers where fired_at is null`),
    seconds: { ingest: Math.round(ingestSeconds), copy: Math.round(copySeconds) },
  };
}

/**
 * Brings the first `count` open commitments (in due order) due from `from` on, `spacingMs` apart, with
 * their timers: the process measured then meets breaches, escalations and fallbacks as they fall due.
 */
export async function scheduleDueDuringRun(db: Db, options: { count: number; from: Date; spacingMs: number }): Promise<void> {
  const { count, from, spacingMs } = options;
  await sql`
    create table bench_due as
    select id, due_at as old_due, ${from.toISOString()}::timestamptz + ((row_number() over (order by due_at, id) - 1)::float8 * ${spacingMs}::float8) * interval '1 millisecond' as new_due
    from (select id, due_at from commitments where state = 'open' order by due_at, id limit ${count}::int) as first`.execute(db);
  // A timer set before the deadline (at risk an hour before, a fallback minutes before) fires at most 2 s
  // before it here: they come at the same pace as the deadlines, not all at once when the process starts.
  await sql`
    update timers t set fire_at = d.new_due + greatest(t.fire_at - d.old_due, interval '-2 seconds'), due_at = d.new_due
    from bench_due d where t.commitment_id = d.id and t.fired_at is null`.execute(db);
  await sql`update commitments c set due_at = d.new_due from bench_due d where c.id = d.id`.execute(db);
  await sql`drop table bench_due`.execute(db);
}

/**
 * Copies the rows of `table` that `where` picks, `copies` times (k = 1…copies): each `suffixed` column gets
 * `~k` appended (ids, references, unique values), `set` columns take their expression, the rest are copied
 * as they are. Generated and sequence columns are left to their defaults. The columns are read from the
 * store, so a column a later migration adds is copied too.
 */
async function copyRows(
  db: Db,
  options: { table: string; copies: number; where: RawBuilder<unknown>; suffixed: string[]; set?: Record<string, RawBuilder<unknown>>; from?: RawBuilder<unknown> },
): Promise<void> {
  const { table, copies } = options;
  const columns = await sql<{ column_name: string }>`
    select column_name from information_schema.columns
    where table_schema = 'public' and table_name = ${table} and is_generated = 'NEVER' and coalesce(column_default, '') not like 'nextval(%'
    order by ordinal_position`.execute(db);
  const names = columns.rows.map((row) => row.column_name);
  const values = names.map((name) => {
    const column = sql.ref(`${table}.${name}`);
    if (options.set?.[name]) return options.set[name];
    return options.suffixed.includes(name) ? sql`${column} || '~' || k` : column;
  });
  await sql`
    insert into ${sql.table(table)} (${sql.join(names.map((name) => sql.ref(name)))})
    select ${sql.join(values)} from ${options.from ?? sql.table(table)}, generate_series(1, ${copies}::int) as k
    where ${options.where}`.execute(db);
}

async function countOf(db: Db, query: ReturnType<typeof sql<{ n: number | string }>>): Promise<number> {
  const result = await query.execute(db);
  return Number(result.rows[0]?.n ?? 0);
}
