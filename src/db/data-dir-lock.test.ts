// One Kept per embedded data directory: a second one is refused while the first lives, and a lock left by a
// process that died is taken over.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockDataDir } from './data-dir-lock.js';

describe('the data directory lock', () => {
  it('refuses a directory another living process holds, naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kept-lock-'));
    // The test runner's parent process is alive and is not this process.
    writeFileSync(join(dir, 'kept.lock'), `${process.ppid}\n`);
    expect(() => lockDataDir(dir)).toThrow(`The data directory ${dir} is in use by another Kept (process ${process.ppid}): stop it first, or set KEPT_DATA_DIR to another directory.`);
  });

  it('takes over the lock of a process that died, and releases it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kept-lock-'));
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(join(dir, 'kept.lock'), `${gone.stdout}\n`);
    const lock = lockDataDir(dir);
    expect(readFileSync(join(dir, 'kept.lock'), 'utf8')).toBe(`${process.pid}\n`);
    lock.release();
    expect(existsSync(join(dir, 'kept.lock'))).toBe(false);
  });
});
