// The embedded store runs in its own thread (pglite-thread.ts): what crosses to it and back must come back as
// PGlite on the server's thread gave it, and as PostgreSQL gives it — dates, bytes, numbers, JSON, errors with
// their fields, transactions and savepoints — while the server's event loop stays free.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AbortedTransactionError, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { createTestStore, storeKinds, type TestStore } from '../../test/helpers/stores.js';
import { createStore } from './create-db.js';
import { startPgliteThread } from './pglite-thread.js';

/** A value whose JSON is not its fields: the store writes what JSON.stringify writes. */
class Money {
  constructor(
    readonly cents: number,
    readonly currency: string,
  ) {}
  toJSON() {
    return `${(this.cents / 100).toFixed(2)} ${this.currency}`;
  }
}

describe.each(storeKinds)('values and errors through the store (%s)', (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore(kind);
    await sql`create table thread_values (id int primary key, at timestamptz, data bytea, big bigint, doc jsonb, tags text[], note text unique)`.execute(store.db);
  });
  afterAll(async () => store?.close());

  it('gives back dates, every byte, integers, JSON and arrays as they were written', async () => {
    const at = new Date('2026-12-06T10:11:12.345Z');
    const everyByte = Uint8Array.from({ length: 256 }, (_, index) => index);
    // A slice of a larger buffer: only its own bytes are written.
    const slice = Buffer.concat([Buffer.from('before'), Buffer.from(everyByte), Buffer.from('after')]).subarray(6, 262);
    const doc = { price: new Money(1999, 'EUR'), nested: { list: [1, 'two', null] } };
    await sql`insert into thread_values (id, at, data, big, doc, tags) values (1, ${at}, ${slice}, ${2n ** 40n}, ${doc}, ${['a', 'b"c']})`.execute(store.db);
    await sql`insert into thread_values (id, big) values (2, ${42})`.execute(store.db);

    const { rows } = await sql<{ id: number; at: Date; data: Uint8Array; big: string | number | bigint; doc: unknown; tags: string[] }>`select * from thread_values order by id`.execute(store.db);
    const [first, second] = rows;
    expect(first?.at).toBeInstanceOf(Date);
    expect(first?.at.toISOString()).toBe(at.toISOString());
    expect(first?.data).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(first!.data).equals(Buffer.from(everyByte))).toBe(true);
    expect(Number(first?.big)).toBe(2 ** 40);
    expect(first?.doc).toEqual({ price: '19.99 EUR', nested: { list: [1, 'two', null] } });
    expect(first?.tags).toEqual(['a', 'b"c']);
    expect(Number(second?.big)).toBe(42);
    expect(second?.data).toBeNull();
  });

  it('reports the rows a statement changed', async () => {
    const updated = await sql`update thread_values set tags = '{}' where id in (1, 2)`.execute(store.db);
    expect(updated.numAffectedRows).toBe(2n);
  });

  it('throws PostgreSQL errors with their fields, and the caller in the stack', async () => {
    await sql`update thread_values set note = 'taken' where id = 1`.execute(store.db);
    const error = await sql`update thread_values set note = 'taken' where id = 2`.execute(store.db).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ code: '23505', constraint: 'thread_values_note_key', table: 'thread_values', severity: 'ERROR', detail: 'Key (note)=(taken) already exists.' });
    expect((error as Error).stack).toContain('pglite-thread.test.ts');
  });

  it('rolls back a transaction that fails and keeps what a savepoint did not roll back', async () => {
    await expect(
      store.db.transaction().execute(async (tx) => {
        await sql`insert into thread_values (id) values (3)`.execute(tx);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    const tx = await store.db.startTransaction().execute();
    await sql`insert into thread_values (id) values (4)`.execute(tx);
    const point = await tx.savepoint('before_five').execute();
    await sql`insert into thread_values (id) values (5)`.execute(point);
    await point.rollbackToSavepoint('before_five').execute();
    await tx.commit().execute();
    const { rows } = await sql<{ id: number }>`select id from thread_values where id >= 3 order by id`.execute(store.db);
    expect(rows).toEqual([{ id: 4 }]);
  });

  it('refuses to commit a transaction an error aborted', async () => {
    const failed = store.db.transaction().execute(async (tx) => {
      await sql`insert into thread_values (id) values (6)`.execute(tx);
      await sql`insert into thread_values (id) values (6)`.execute(tx).catch(() => undefined);
    });
    await expect(failed).rejects.toBeInstanceOf(AbortedTransactionError);
    const { rows } = await sql`select id from thread_values where id = 6`.execute(store.db);
    expect(rows).toEqual([]);
  });
});

describe('the embedded store in its own thread', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('leaves the event loop free while a long statement runs', async () => {
    const store = await createStore({ dataDir: 'memory://' });
    try {
      let ticks = 0;
      const timer = setInterval(() => {
        ticks += 1;
      }, 10);
      await sql`select pg_sleep(0.5)`.execute(store.db);
      clearInterval(timer);
      // On the server's thread PGlite would have held it for the whole half second: not one tick.
      expect(ticks).toBeGreaterThan(10);
    } finally {
      await store.close();
    }
  });

  it('fails the statement that was waiting and every later one when the thread stops', async () => {
    const thread = await startPgliteThread({ dataDir: undefined, startParams: [...PGlite.defaultStartParams] });
    const waiting = thread.query('select pg_sleep(5)', []);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await thread.terminate();
    await expect(waiting).rejects.toThrow(/the embedded store's thread stopped \(exit code 1\); Kept must be restarted/);
    await expect(thread.query('select 1', [])).rejects.toThrow(/the embedded store's thread stopped/);
    await thread.close();
  });

  it('takes a snapshot PGlite opens again, and on close ends the thread and frees the directory', { timeout: 120_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kept-thread-'));
    dirs.push(dataDir);
    const store = await createStore({ dataDir });
    await sql`insert into agents (id, name, email, role, created_at) values ('a_1', 'Ana', 'ana@example.com', 'agent', now())`.execute(store.db);
    const snapshot = await store.snapshot!();
    expect(snapshot.type).toBe('application/x-gzip');
    expect(existsSync(join(dataDir, 'kept.lock'))).toBe(true);
    await store.close();
    expect(existsSync(join(dataDir, 'kept.lock'))).toBe(false);
    await expect(sql`select 1`.execute(store.db)).rejects.toThrow();

    const copy = await PGlite.create({ loadDataDir: snapshot });
    try {
      expect((await copy.query('select name from agents')).rows).toEqual([{ name: 'Ana' }]);
    } finally {
      await copy.close();
    }
  });
});
