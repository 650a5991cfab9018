// Store tests run on both stores (STYLE habit 12): embedded PGlite in memory, and a fresh database on the
// PostgreSQL server (127.0.0.1:5432, or KEPT_TEST_DATABASE_URL), created per test file and dropped after.
import { randomBytes } from 'node:crypto';
import { createStore, type Store } from '../../src/db/create-db.js';
import { onTestServer, testDatabaseUrl } from './postgres-server.js';

export type StoreKind = 'pglite' | 'postgres';
export const storeKinds: StoreKind[] = ['pglite', 'postgres'];

export interface TestStore extends Store {
  /** For a second process on the same database (scale-out tests). */
  databaseUrl: string | undefined;
}

export async function createTestStore(kind: StoreKind): Promise<TestStore> {
  if (kind === 'pglite') {
    const store = await createStore({ dataDir: 'memory://' });
    return { ...store, databaseUrl: undefined };
  }
  const { url, drop } = await createTestDatabase();
  const store = await createStore({ databaseUrl: url, poolSize: 10 });
  return {
    ...store,
    databaseUrl: url,
    async close() {
      await store.close();
      await drop();
    },
  };
}

/** A new, empty database on the test server, and how to drop it. */
export async function createTestDatabase(): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `kept_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await onTestServer(`create database ${name}`);
  return { name, url: testDatabaseUrl(name), drop: () => onTestServer(`drop database if exists ${name} with (force)`) };
}
