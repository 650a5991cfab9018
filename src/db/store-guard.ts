// Whether the store can take writes now. The embedded store writes into KEPT_DATA_DIR: when that file system
// is nearly full, PGlite's writes would fail inside WebAssembly and leave requests hanging, so Kept refuses
// writes before that point (a 507 at once) and takes them again by itself when space returns. PostgreSQL's
// disk is the server's: a write that fails with disk_full (53100) marks the store failing for a few seconds,
// then the next write tries again.
import { statfs } from 'node:fs/promises';
import type { Logger } from 'pino';

export interface StoreCondition {
  writable: boolean;
  /** Free bytes in the data directory's file system (embedded store only). */
  free_bytes?: number;
  /** Why writes are refused. */
  reason?: string;
}

export interface StoreGuard {
  /** The condition now; the free space is read at most every `cacheMs`. */
  condition(): Promise<StoreCondition>;
  /** Records a failed write; true when it was the disk being full (the store then refuses writes). */
  noteError(error: unknown): boolean;
}

/** PostgreSQL's disk_full, and the file-system errors PGlite and Node report when a write finds no space. */
export function isDiskFullError(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (code === '53100' || code === 'ENOSPC') return true;
  return typeof message === 'string' && /no space left on device|could not extend file|disk full/i.test(message);
}

export function createStoreGuard(options: { dataDir?: string | undefined; minFreeBytes: number; logger: Logger; cacheMs?: number; retryAfterMs?: number }): StoreGuard {
  const cacheMs = options.cacheMs ?? 250;
  const retryAfterMs = options.retryAfterMs ?? 5_000;
  let diskFullUntil = 0;
  let last: { at: number; condition: StoreCondition } | undefined;
  let reading: Promise<StoreCondition> | undefined;
  let wasWritable = true;

  function report(condition: StoreCondition): StoreCondition {
    // One log line when the store stops or resumes taking writes, not one per refused request.
    if (condition.writable !== wasWritable) {
      wasWritable = condition.writable;
      if (condition.writable) options.logger.info({ free_bytes: condition.free_bytes }, 'the store takes writes again');
      else options.logger.error({ free_bytes: condition.free_bytes, reason: condition.reason }, 'the store cannot take writes; refusing them until it can');
    }
    return condition;
  }

  async function read(): Promise<StoreCondition> {
    const diskFull = Date.now() < diskFullUntil;
    if (!options.dataDir) return report(diskFull ? { writable: false, reason: 'the database server reported its disk full' } : { writable: true });
    const stats = await statfs(options.dataDir);
    const free = stats.bavail * stats.bsize;
    if (free < options.minFreeBytes) {
      return report({
        writable: false,
        free_bytes: free,
        reason: `${Math.floor(free / 1_048_576)} MB free in the data directory's file system, under the ${Math.floor(options.minFreeBytes / 1_048_576)} MB Kept keeps free (KEPT_MIN_FREE_MB)`,
      });
    }
    if (diskFull) return report({ writable: false, free_bytes: free, reason: 'a write found the disk full' });
    return report({ writable: true, free_bytes: free });
  }

  return {
    async condition() {
      if (last && Date.now() - last.at < cacheMs) return last.condition;
      reading ??= read()
        .then((condition) => {
          last = { at: Date.now(), condition };
          return condition;
        })
        .finally(() => (reading = undefined));
      return reading;
    },
    noteError(error) {
      if (!isDiskFullError(error)) return false;
      diskFullUntil = Date.now() + retryAfterMs;
      last = undefined;
      return true;
    },
  };
}
