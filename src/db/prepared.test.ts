// A marked read answers as any query on both stores, and on PostgreSQL it is prepared once per connection.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, storeKinds, type TestStore } from '../../test/helpers/stores.js';
import { createStore, type Store } from './create-db.js';
import { prepared } from './prepared.js';

describe.each(storeKinds)('prepared reads on %s', (storeKind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore(storeKind);
  });
  afterAll(async () => store?.close());

  it('gives the rows of the query, with the value bound each time', async () => {
    const read = (value: number) => store.db.executeQuery(prepared(store.db.selectNoFrom(sql<number>`${value}::int * 2`.as('doubled'))));
    expect((await read(2)).rows).toEqual([{ doubled: 4 }]);
    expect((await read(21)).rows).toEqual([{ doubled: 42 }]);
  });
});

describe('prepared reads on PostgreSQL', () => {
  let server: TestStore;
  let single: Store;
  beforeAll(async () => {
    server = await createTestStore('postgres');
    // One connection, so that the catalogue read below sees the statements of the connection that ran them.
    single = await createStore({ databaseUrl: server.databaseUrl, poolSize: 1 });
  });
  afterAll(async () => {
    await single?.close();
    await server?.close();
  });

  it('are named statements, prepared once and then reused; other queries are not prepared', async () => {
    for (const value of [1, 2, 3]) await single.db.executeQuery(prepared(single.db.selectNoFrom(sql<number>`${value}::int`.as('n'))));
    await sql`select 1 as unmarked`.execute(single.db);
    const statements = await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`.execute(single.db);
    expect(statements.rows).toEqual([{ name: expect.stringMatching(/^kept_[0-9a-f]{40}$/), statement: expect.stringContaining('select $1::int as "n"') }]);
  });

  it('keeps answering when another process adds a column, as long as the row comes as JSON', async () => {
    const agentRow = () =>
      single.db.executeQuery(
        prepared(
          single.db
            .selectFrom('agents')
            .select(sql<{ id: string }>`to_json(${sql.table('agents')})`.as('agent'))
            .limit(1),
        ),
      );
    for (let run = 0; run < 3; run += 1) await agentRow();
    await sql`alter table agents add column nickname text`.execute(server.db);
    await expect(agentRow()).resolves.toMatchObject({ rows: [] });
  });
});
