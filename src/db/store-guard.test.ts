// When the store can take writes: the free space of the embedded store's file system against the margin,
// and a write that found the disk full (PostgreSQL's 53100, ENOSPC), which holds writes back for a while.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createStoreGuard, isDiskFullError } from './store-guard.js';

const logger = pino({ level: 'silent' });

describe('the store guard', () => {
  it('refuses writes while the file system has less free space than the margin, naming both', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kept-guard-'));
    const tight = await createStoreGuard({ dataDir, minFreeBytes: Number.MAX_SAFE_INTEGER, logger }).condition();
    expect(tight.writable).toBe(false);
    expect(tight.reason).toMatch(/^\d+ MB free in the data directory's file system, under the \d+ MB Kept keeps free \(KEPT_MIN_FREE_MB\)$/);
    const roomy = await createStoreGuard({ dataDir, minFreeBytes: 0, logger }).condition();
    expect(roomy).toEqual({ writable: true, free_bytes: expect.any(Number) });
  });

  it('holds writes back after the database reports its disk full, then lets the next one try', async () => {
    const guard = createStoreGuard({ minFreeBytes: 0, logger, cacheMs: 0, retryAfterMs: 200 });
    expect(guard.noteError(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(await guard.condition()).toEqual({ writable: true });
    expect(guard.noteError(Object.assign(new Error('could not extend file "base/16384/2619": No space left on device'), { code: '53100' }))).toBe(true);
    expect(await guard.condition()).toEqual({ writable: false, reason: 'the database server reported its disk full' });
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await guard.condition()).toEqual({ writable: true });
  });

  it('knows a full disk by its codes and messages', () => {
    expect([{ code: '53100' }, { code: 'ENOSPC' }, new Error('write failed: No space left on device'), { code: '23505', message: 'duplicate key' }, null].map(isDiskFullError)).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
  });
});
