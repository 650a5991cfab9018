// Creates a new PGlite data directory (initdb) in a child process. PGlite runs initdb in a second PGlite
// inside the process, and its WebAssembly heap and file-system bundle (about 430 MB) stay resident until a
// full garbage collection, which a quiet Kept may not run for hours: a fresh clone's first `kept start` sat
// at 730 MB. Even a worker thread left 110 MB behind in the allocator; a process gives all of it back.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';

// Plain JavaScript run as CommonJS (PGlite ships a CommonJS build), so no loader is needed whether Kept runs
// compiled, through tsx or under the test runner. PGlite is required by its resolved path.
const childSource = `
const [pglitePath, dataDir, startParams] = JSON.parse(process.argv[1]);
require(pglitePath).PGlite.create(dataDir, { startParams: startParams }).then((pglite) => pglite.close());
`;

/** True when `dataDir` holds no database yet (PostgreSQL writes PG_VERSION first). */
export function needsInitdb(dataDir: string): boolean {
  return !existsSync(join(dataDir, 'PG_VERSION'));
}

/** Runs initdb for `dataDir` in a child process; rejects with what it wrote to stderr when it fails. */
export async function initPgliteDir(options: { dataDir: string; startParams: readonly string[] }): Promise<void> {
  const pglitePath = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const args = JSON.stringify([pglitePath, options.dataDir, options.startParams]);
  try {
    await promisify(execFile)(process.execPath, ['--input-type=commonjs', '-e', childSource, args], { maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const stderr = (error as { stderr?: unknown }).stderr;
    throw new Error(`creating the data directory ${options.dataDir} failed: ${typeof stderr === 'string' && stderr ? stderr.trim() : String(error)}`, { cause: error });
  }
}
