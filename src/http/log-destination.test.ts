// Log lines are written in batches, and none is lost: a line waits at most a moment, and stopping writes
// out what is still buffered.
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBufferedLogger } from './log-destination.js';

const dirs: string[] = [];
const fds: number[] = [];
afterEach(() => {
  for (const fd of fds.splice(0)) closeSync(fd);
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A file open as stdout is: a descriptor the destination can write to at once. */
function logFile(): { file: string; fd: number } {
  const dir = mkdtempSync(path.join(tmpdir(), 'kept-log-'));
  dirs.push(dir);
  const file = path.join(dir, 'kept.log');
  const fd = openSync(file, 'a');
  fds.push(fd);
  return { file, fd };
}

const lines = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { msg: string; n?: number });

describe('the buffered log destination', () => {
  it('writes a lone line within a moment, though the buffer is far from full', async () => {
    const { file, fd } = logFile();
    const { logger, stop } = createBufferedLogger({ level: 'info', base: { service: 'kept' }, dest: fd });
    logger.info('Kept is running');
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(lines(file).map((line) => line.msg)).toEqual(['Kept is running']);
    stop();
  });

  it('writes every buffered line, in order, when it stops', () => {
    const { file, fd } = logFile();
    const { logger, stop } = createBufferedLogger({ level: 'info', base: { service: 'kept' }, dest: fd });
    for (let n = 0; n < 500; n += 1) logger.info({ n }, 'request completed');
    stop();
    expect(lines(file).map((line) => line.n)).toEqual(Array.from({ length: 500 }, (_, n) => n));
  });
});
