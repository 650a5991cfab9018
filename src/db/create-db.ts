// createDb(): PGlite in KEPT_DATA_DIR by default, PostgreSQL when DATABASE_URL is set; migrations run at boot.
import { mkdirSync } from 'node:fs';
import { Kysely, PostgresDialect, type LogEvent, type Transaction } from 'kysely';
import { Migrator } from 'kysely/migration';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { Database } from './database.js';
import { lockDataDir, type DataDirLock } from './data-dir-lock.js';
import { initPgliteDir, needsInitdb } from './init-pglite-dir.js';
import { pgliteSettings } from './pglite-settings.js';
import { migrations } from './migrations/index.js';
import { sendPreparedStatementsByName } from './prepared.js';
import { createNotifications, type Notifications } from './notifications.js';
import { startPgliteThread } from './pglite-thread.js';
import { pgliteThreadDialect } from './pglite-thread-dialect.js';
import { countWrites, type WriteCount } from './write-count.js';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** A repo function takes either the database or an open transaction. */
export type Queryable = Db | Tx;

export interface StoreOptions {
  /** `postgres://…` for a server; otherwise PGlite in `dataDir` (or in memory when dataDir is `memory://`). */
  databaseUrl?: string | undefined;
  dataDir?: string;
  poolSize?: number;
  /**
   * A pooled connection the server dropped while idle (a restart, a terminated backend). The pool opens a
   * new one on the next query; without a listener the error would end the process.
   */
  onConnectionError?: (error: Error) => void;
  /** Kysely's query log: each statement with its duration (benches count and time statements with it). */
  log?: (event: LogEvent) => void;
}

export interface Store {
  db: Db;
  dialect: 'pglite' | 'postgres';
  /** The embedded store's directory on disk (none in memory or on PostgreSQL). */
  dataDir?: string;
  /** Embedded store only: a consistent gzipped tarball of the data directory (PGlite's own dump). */
  snapshot?: () => Promise<Blob>;
  /**
   * Only where this process is the database's only client (PGlite): the count of writes so far, so that a
   * read may be reused while it has not moved. PostgreSQL has none: other processes write to it too.
   */
  writes?: WriteCount;
  /** Only on PostgreSQL: LISTEN/NOTIFY between the processes sharing the database. */
  notifications?: Notifications;
  close(): Promise<void>;
}

// The embedded store's server settings (shared buffers, WAL and checkpoints): pglite-settings.ts.

// pg returns bigint (int8) as text and numeric as text; counts and sums are small enough for numbers.
pg.types.setTypeParser(20, (value) => Number(value));

export async function createStore(options: StoreOptions): Promise<Store> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10, onConnect: sendPreparedStatementsByName });
    const onConnectionError = options.onConnectionError ?? ((error: Error) => process.emitWarning(`database connection lost: ${error.message}`));
    pool.on('error', onConnectionError);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), ...(options.log ? { log: options.log } : {}) });
    await migrateToLatest(db);
    const notifications = createNotifications({ connectionString: options.databaseUrl, pool, onConnectionError });
    return {
      db,
      dialect: 'postgres',
      notifications,
      async close() {
        await notifications.close();
        await db.destroy();
      },
    };
  }
  const dataDir = options.dataDir ?? './kept-data';
  const onDisk = !dataDir.startsWith('memory://');
  const startParams = [...PGlite.defaultStartParams, ...pgliteSettings];
  if (onDisk) mkdirSync(dataDir, { recursive: true });
  const lock = onDisk ? lockDataDir(dataDir) : undefined;
  try {
    if (onDisk && needsInitdb(dataDir)) await initPgliteDir({ dataDir, startParams });
    return await openPglite({ dataDir, onDisk, startParams, lock, log: options.log });
  } catch (error) {
    lock?.release();
    throw error;
  }
}

async function openPglite(options: { dataDir: string; onDisk: boolean; startParams: string[]; lock: DataDirLock | undefined; log: StoreOptions['log'] }): Promise<Store> {
  const { dataDir, onDisk, startParams } = options;
  // PGlite runs every statement synchronously in the thread that owns it: in a worker thread, so that a large
  // write never holds the event loop that answers HTTP, SMTP and the console (pglite-worker.ts).
  const thread = await startPgliteThread({ dataDir: onDisk ? dataDir : undefined, startParams });
  const { dialect, writes } = countWrites(pgliteThreadDialect(thread));
  const db = new Kysely<Database>({ dialect, ...(options.log ? { log: options.log } : {}) });
  // Kysely closes its driver only once it has used it: the thread is closed here too, whatever happened.
  const close = async () => {
    try {
      await db.destroy();
    } finally {
      await thread.close();
    }
  };
  try {
    await migrateToLatest(db);
  } catch (error) {
    await close();
    throw error;
  }
  return {
    db,
    dialect: 'pglite',
    writes,
    ...(onDisk ? { dataDir } : {}),
    // Taken on the store's one connection, so between transactions: none is caught half-way.
    snapshot: () => db.connection().execute(() => thread.snapshot()),
    close: async () => {
      try {
        await close();
      } finally {
        options.lock?.release();
      }
    },
  };
}

/**
 * Runs every pending migration, in order, once; start fails when one fails (STYLE habit 9). On PostgreSQL
 * Kysely's migrator holds a session-level advisory lock while it reads and applies them, so processes
 * starting together take turns and each migration runs once (test/e2e/upgrade.test.ts); PGlite has one
 * connection, held for the whole run.
 */
export async function migrateToLatest(db: Kysely<Database>): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error || failed) {
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${String(error)}`, { cause: error });
  }
}
