// What a run left on disk: the bytes of Kept's tables and their indexes, and the WAL written while it ran,
// read with PostgreSQL's own functions (the same on PGlite), so bytes per event can be set beside the rate.
import { sql } from 'kysely';
import type { Db } from '../../src/db/create-db.js';

export interface StorageFigures {
  tableBytes: number;
  indexBytes: number;
  walBytes: number;
  /**
   * The WAL files on disk at the end (pg_ls_waldir): what the store keeps between checkpoints, bounded by
   * min_wal_size/max_wal_size. On a PostgreSQL server it is the whole server's, not this database's.
   */
  walOnDiskBytes: number;
}

/** The WAL position now: pass it to measureStorage after the run to count the WAL the run wrote. */
export async function currentWalPosition(db: Db): Promise<string> {
  const result = await sql<{ lsn: string }>`select pg_current_wal_lsn()::text as lsn`.execute(db);
  return result.rows[0]?.lsn ?? '0/0';
}

export async function measureStorage(db: Db, options: { walStart: string }): Promise<StorageFigures> {
  const sizes = await sql<{ tables: string | null; indexes: string | null }>`
    select sum(pg_table_size(c.oid))::text as tables, sum(pg_indexes_size(c.oid))::text as indexes
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind = 'r'`.execute(db);
  const wal = await sql<{ bytes: string }>`select pg_wal_lsn_diff(pg_current_wal_lsn(), ${options.walStart}::pg_lsn)::text as bytes`.execute(db);
  const walDir = await sql<{ bytes: string }>`select coalesce(sum(size), 0)::text as bytes from pg_ls_waldir()`.execute(db);
  return {
    tableBytes: Number(sizes.rows[0]?.tables ?? 0),
    indexBytes: Number(sizes.rows[0]?.indexes ?? 0),
    walBytes: Number(wal.rows[0]?.bytes ?? 0),
    walOnDiskBytes: Number(walDir.rows[0]?.bytes ?? 0),
  };
}
