// Checkpoints for the embedded store. PostgreSQL's checkpointer is a server process: it checkpoints every
// checkpoint_timeout and whenever the WAL nears max_wal_size, and only a checkpoint lets old WAL files go.
// PGlite is a single backend without it — its WAL grew by all that was written since the store opened
// (7.4 KB per ingested event: about 7 GB per million) until the store closed. So Kept asks for the
// checkpoint itself: every few seconds it reads how much WAL was written since the last one, and past
// `afterBytes` it runs CHECKPOINT, which writes the dirty buffers (at most 32 MB) and recycles old files.
import { sql } from 'kysely';
import type { Db } from './create-db.js';
import { checkpointAfterWalBytes } from './pglite-settings.js';

export interface WalCheckpoints {
  /** Checkpoints now if the WAL since the last checkpoint passed the limit; true when it did. */
  checkNow(): Promise<boolean>;
  /** Stops checking and waits for a checkpoint under way. */
  stop(): Promise<void>;
}

export function startWalCheckpoints(options: { db: Db; onError: (error: unknown) => void; afterBytes?: number; everyMs?: number }): WalCheckpoints {
  const { db } = options;
  const afterBytes = options.afterBytes ?? checkpointAfterWalBytes;
  let running: Promise<boolean> | undefined;

  async function check(): Promise<boolean> {
    const since = await sql<{ bytes: string }>`select pg_wal_lsn_diff(pg_current_wal_lsn(), redo_lsn)::text as bytes from pg_control_checkpoint()`.execute(db);
    if (Number(since.rows[0]?.bytes ?? 0) < afterBytes) return false;
    await sql`checkpoint`.execute(db);
    return true;
  }

  const checkNow = (): Promise<boolean> => {
    running ??= check().finally(() => {
      running = undefined;
    });
    return running;
  };
  const timer = setInterval(() => {
    checkNow().catch(options.onError);
  }, options.everyMs ?? 5_000).unref();

  return {
    checkNow,
    async stop() {
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
