// `kept bench [--only ingest,timers] [--docs-only] [--list]`: the benchmark suite of `npm run bench`, from the
// command line. The benches live beside the sources in a clone (bench/), not in the server's modules.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AppError } from '../shared/app-error.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const runAll = fileURLToPath(new URL('../../bench/run-all.ts', import.meta.url));

/** Runs the suite in a child process (each bench then forks its own), passing the flags on; its exit code. */
export function runBenchCommand(argv: string[]): number {
  if (!existsSync(runAll)) {
    throw new AppError('not_found', { detail: 'kept bench runs from a clone of Kept: this install has no bench/ folder' });
  }
  // From the clone's root, where tsx resolves and the benches' results and the performance page are.
  const run = spawnSync(process.execPath, ['--import', 'tsx', runAll, ...argv], { cwd: root, stdio: 'inherit' });
  return run.status ?? 1;
}
