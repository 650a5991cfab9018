// The embedded store has no checkpointer: without Kept's own checkpoints its WAL grows by everything written.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore, type Store } from './create-db.js';
import { startWalCheckpoints } from './wal-checkpoints.js';

const walSinceCheckpoint = async (store: Store) =>
  Number((await sql<{ bytes: string }>`select pg_wal_lsn_diff(pg_current_wal_lsn(), redo_lsn)::text as bytes from pg_control_checkpoint()`.execute(store.db)).rows[0]?.bytes);
const walOnDisk = async (store: Store) => Number((await sql<{ bytes: string }>`select sum(size)::text as bytes from pg_ls_waldir()`.execute(store.db)).rows[0]?.bytes);

describe('checkpoints of the embedded store', () => {
  let store: Store;
  beforeAll(async () => {
    store = await createStore({ dataDir: 'memory://' });
    await sql`create table filler (text text)`.execute(store.db);
  });
  afterAll(async () => store?.close());

  it('checkpoints once the WAL since the last checkpoint passes the limit, and lets the old WAL files go', async () => {
    const checkpoints = startWalCheckpoints({
      db: store.db,
      afterBytes: 8 * 1024 * 1024,
      everyMs: 60_000,
      onError: (error) => {
        throw error;
      },
    });
    try {
      await sql`checkpoint`.execute(store.db);
      expect(await checkpoints.checkNow()).toBe(false);
      // About 100 MB of WAL; PGlite alone would keep all of it.
      for (let i = 0; i < 10; i += 1) await sql`insert into filler select repeat('x', 500) from generate_series(1, 20000)`.execute(store.db);
      const grown = await walOnDisk(store);
      expect(grown).toBeGreaterThan(96 * 1024 * 1024);
      expect(await walSinceCheckpoint(store)).toBeGreaterThan(8 * 1024 * 1024);

      expect(await checkpoints.checkNow()).toBe(true);
      expect(await walSinceCheckpoint(store)).toBeLessThan(1024 * 1024);
      expect(await walOnDisk(store)).toBeLessThan(grown);
      expect(await walOnDisk(store)).toBeLessThanOrEqual(64 * 1024 * 1024); // max_wal_size: at most four 16 MB files kept
    } finally {
      await checkpoints.stop();
    }
  });
});
