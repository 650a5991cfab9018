// Stores for benches, opened the way users run Kept: PGlite in a data directory on disk, or a fresh
// database on a PostgreSQL server that is dropped afterwards. An optional query log feeds phase timings.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LogEvent } from 'kysely';
import pg from 'pg';
import { createStore, type Store } from '../../src/db/create-db.js';

export type BenchStoreKind = 'pglite' | 'postgres';

/** The server database used to create and drop bench databases. */
export const serverAdminUrl = process.env['KEPT_BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchStore {
  store: Store;
  /** Where it lives: the data directory or the database URL (for the report, never a secret). */
  location: string;
  /** How another process opens the same store (`KEPT_DATA_DIR` or `DATABASE_URL`). */
  connection: { dataDir: string } | { databaseUrl: string };
  /** Closes the store and removes its directory or drops its database. */
  dispose(): Promise<void>;
  /** Removes the directory or drops the database of a store already closed. */
  remove(): Promise<void>;
}

async function adminQuery(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverAdminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export async function serverVersion(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: serverAdminUrl });
  try {
    await client.connect();
    const result = await client.query<{ server_version: string }>('show server_version');
    return result.rows[0]?.server_version;
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Opens a fresh store of `kind`, as createStore opens Kept's. With `log`, every query and its duration is reported. */
export async function openBenchStore(options: { kind: BenchStoreKind; log?: (event: LogEvent) => void }): Promise<BenchStore> {
  if (options.kind === 'pglite') {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'kept-bench-'));
    const store = await createStore({ dataDir, ...(options.log ? { log: options.log } : {}) });
    const remove = async () => rmSync(dataDir, { recursive: true, force: true });
    return {
      store,
      location: dataDir,
      connection: { dataDir },
      async dispose() {
        await store.close();
        await remove();
      },
      remove,
    };
  }
  const name = `kept_bench_${Date.now().toString(36)}_${process.pid}`;
  await adminQuery(`create database ${name}`);
  const url = new URL(serverAdminUrl);
  url.pathname = `/${name}`;
  const store = await createStore({ databaseUrl: url.toString(), ...(options.log ? { log: options.log } : {}) });
  const remove = () => adminQuery(`drop database if exists ${name} with (force)`);
  return {
    store,
    location: `database ${name}`,
    connection: { databaseUrl: url.toString() },
    async dispose() {
      await store.close();
      await remove();
    },
    remove,
  };
}
