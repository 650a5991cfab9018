// Store tests run on both stores (STYLE habit 12): embedded PGlite in memory, and a fresh database on the
// PostgreSQL server (127.0.0.1:5432, or KEPT_TEST_DATABASE_URL), created per test file and dropped after.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createStore, type Store } from '../../src/db/create-db.js';

export type StoreKind = 'pglite' | 'postgres';
export const storeKinds: StoreKind[] = ['pglite', 'postgres'];

const serverUrl = process.env['KEPT_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestStore extends Store {
  /** For a second process on the same database (scale-out tests). */
  databaseUrl: string | undefined;
}

export async function createTestStore(kind: StoreKind): Promise<TestStore> {
  if (kind === 'pglite') {
    const store = await createStore({ dataDir: 'memory://' });
    return { ...store, databaseUrl: undefined };
  }
  const name = `kept_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const store = await createStore({ databaseUrl: url.toString(), poolSize: 10 });
  return {
    ...store,
    databaseUrl: url.toString(),
    async close() {
      await store.close();
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}
