// The embedded store counts its writes, so that a kept read can tell it is still current.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, type TestStore } from '../../test/helpers/stores.js';

describe('the write count of the embedded store', () => {
  let store: TestStore;
  const count = () => store.writes!.current();
  beforeAll(async () => {
    store = await createTestStore('pglite');
  });
  afterAll(async () => store?.close());

  it('does not move for selects, built or raw', async () => {
    const before = count();
    await store.db.selectFrom('cases').selectAll().execute();
    await sql`select count(*) from messages`.execute(store.db);
    await sql`/* a comment */ select 1`.execute(store.db);
    expect(count()).toBe(before);
  });

  it('moves once a statement that is not a select has run, before its caller goes on', async () => {
    const before = count();
    await store.db.insertInto('case_notes').values({ id: 'cnt_1', case_id: 'cas_1', kind: 'test', author_id: null, body: 'x', at: new Date() }).execute();
    expect(count()).toBe(before + 1);
    await sql`with gone as (delete from case_notes where id = 'cnt_1' returning id) select * from gone`.execute(store.db);
    expect(count()).toBe(before + 2);
  });

  it('counts a transaction at its commit, not while it runs, and counts a rollback too', async () => {
    const before = count();
    await store.db.transaction().execute(async (tx) => {
      await tx.insertInto('case_notes').values({ id: 'cnt_2', case_id: 'cas_1', kind: 'test', author_id: null, body: 'x', at: new Date() }).execute();
      await tx.updateTable('case_notes').set({ body: 'y' }).where('id', '=', 'cnt_2').execute();
      expect(count()).toBe(before);
    });
    expect(count()).toBe(before + 1);
    await expect(
      store.db.transaction().execute(async (tx) => {
        await tx.deleteFrom('case_notes').execute();
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(count()).toBe(before + 2);
    expect(await store.db.selectFrom('case_notes').select('id').execute()).toEqual([{ id: 'cnt_2' }]);
  });

  it('does not exist on PostgreSQL, where other processes write too', async () => {
    const server = await createTestStore('postgres');
    try {
      expect(server.writes).toBeUndefined();
    } finally {
      await server.close();
    }
  });
});
