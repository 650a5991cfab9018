// Timers across processes on PostgreSQL: a process killed (SIGKILL) while timers fire loses no commitment
// and runs no action twice; two processes share 10,000 timers with none missed and none doubled.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, type TestStore } from '../helpers/stores.js';
import { seedDueCommitments } from '../helpers/seed-commitments.js';
import { startWorker, waitFor, type Worker } from './fixtures/worker-process.js';

describe('timers on PostgreSQL across processes', () => {
  let store: TestStore;
  const workers: Worker[] = [];
  beforeAll(async () => {
    store = await createTestStore('postgres');
  }, 120_000);
  afterAll(async () => {
    for (const worker of workers) worker.process.kill('SIGKILL');
    await store?.close();
  });

  const count = async (query: ReturnType<typeof sql<{ n: number }>>): Promise<number> => Number((await query.execute(store.db)).rows[0]?.n ?? 0);

  it('loses no commitment and runs no action twice when a process is killed while timers fire', async () => {
    const total = 1_500;
    await seedDueCommitments(store.db, { count: total, prefix: 'k', firstDueAt: new Date(Date.now() - 60_000), spacingMs: 1 });
    const first = startWorker({ DATABASE_URL: store.databaseUrl!, LEASE_MS: '2000' });
    workers.push(first);
    await first.ready;
    first.go();
    // Kill it mid-stream: some breaches applied, most not yet.
    await waitFor(async () => (await count(sql`select count(*)::int as n from actions where commitment_id like 'kc%'`)) >= 100, { timeoutMs: 120_000, what: 'the first breaches' });
    first.process.kill('SIGKILL');
    await first.exited;
    const breachedAtKill = await count(sql`select count(*)::int as n from commitments where id like 'kc%' and state = 'breached'`);
    expect(breachedAtKill).toBeLessThan(total);

    const second = startWorker({ DATABASE_URL: store.databaseUrl!, LEASE_MS: '2000' });
    workers.push(second);
    await second.ready;
    second.go();
    await waitFor(async () => (await count(sql`select count(*)::int as n from commitments where id like 'kc%' and state = 'breached'`)) === total, {
      timeoutMs: 240_000,
      what: 'every commitment breached',
    });
    await waitFor(async () => (await count(sql`select count(*)::int as n from timers where commitment_id like 'kc%'`)) === 0, { timeoutMs: 60_000, what: 'every timer done' });
    second.process.kill('SIGTERM');
    await second.exited;

    // Each breach ran its two actions (escalate, flag) exactly once, and opened exactly one escalation.
    const perCommitment = await sql<{ n: number; kinds: string }>`
      select count(*)::int as n, string_agg(action, ',' order by action) as kinds from actions where commitment_id like 'kc%' group by commitment_id`.execute(store.db);
    expect(perCommitment.rows).toHaveLength(total);
    expect(perCommitment.rows.every((row) => row.n === 2 && row.kinds === 'escalate,flag')).toBe(true);
    expect(await count(sql`select count(*)::int as n from commitments where kind = 'escalation' and opened_by like 'kc%'`)).toBe(total);
    expect(await count(sql`select count(*)::int as n from (select opened_by from commitments where kind = 'escalation' and opened_by like 'kc%' group by opened_by having count(*) > 1) d`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from outbox`)).toBe(0);
  }, 600_000);

  it('fires each of 10,000 timers exactly once with two processes on one database', async () => {
    const total = 10_000;
    const a = startWorker({ DATABASE_URL: store.databaseUrl!, LEASE_MS: '30000' });
    const b = startWorker({ DATABASE_URL: store.databaseUrl!, LEASE_MS: '30000' });
    workers.push(a, b);
    await Promise.all([a.ready, b.ready]);
    // Due from two seconds from now, over ten seconds: both processes are running when they fall due.
    await seedDueCommitments(store.db, { count: total, prefix: 'p', firstDueAt: new Date(Date.now() + 2_000), spacingMs: 1 });
    a.go();
    b.go();
    await waitFor(async () => (await count(sql`select count(*)::int as n from timers where commitment_id like 'pc%'`)) === 0, { timeoutMs: 480_000, what: 'every timer fired' });
    a.process.kill('SIGTERM');
    b.process.kill('SIGTERM');
    await Promise.all([a.exited, b.exited]);

    const fired = [...a.fired, ...b.fired].filter((id) => id.startsWith('pt'));
    expect(new Set(fired).size).toBe(total);
    expect(fired).toHaveLength(total);
    // Both took part.
    expect(a.fired.length).toBeGreaterThan(0);
    expect(b.fired.length).toBeGreaterThan(0);
    expect(await count(sql`select count(*)::int as n from commitments where id like 'pc%' and state = 'breached'`)).toBe(total);
    expect(await count(sql`select count(*)::int as n from actions where commitment_id like 'pc%'`)).toBe(2 * total);
  }, 600_000);
});
