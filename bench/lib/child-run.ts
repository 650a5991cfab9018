// A measurement in a process of its own, so that its peak memory and its CPU time are its own: the child
// is this same bench file with `--worker`, and it prints one marked line of JSON with its result.
import { spawn } from 'node:child_process';

const resultMarker = 'BENCH-RESULT ';

/** Runs `script` again with `args` (same Node flags, so tsx and --cpu-prof carry over) and returns the result it printed. */
export function runBenchChild<T>(script: string, args: readonly string[], label: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = output.split('\n').find((entry) => entry.startsWith(resultMarker));
      if (code !== 0 || !line) reject(new Error(`${label} run failed (exit ${code})\n${output}`));
      else resolve(JSON.parse(line.slice(resultMarker.length)) as T);
    });
  });
}

/** What the child prints for its parent. */
export function reportToParent(result: unknown): void {
  process.stdout.write(`${resultMarker}${JSON.stringify(result)}\n`);
}
