// `npm run bench [-- --only ingest,timers] [--docs-only] [--list]` (or `kept bench …`): runs every
// bench/*.bench.ts in turn, each in its own process with its default (full) size, then rewrites the figures
// section of docs/performance.md from bench/results/*.json. Benches are not tests: CI never runs them.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { refreshPerformanceDoc } from './lib/performance-doc.js';
import { readBenchResults } from './lib/results.js';

const benchDir = new URL('./', import.meta.url);
const performancePage = new URL('../docs/performance.md', import.meta.url);

const { values } = parseArgs({ options: { only: { type: 'string' }, 'docs-only': { type: 'boolean', default: false }, list: { type: 'boolean', default: false } } });
const only = values.only ? new Set(values.only.split(',').map((name) => name.trim())) : undefined;

const known = readdirSync(benchDir)
  .filter((name) => name.endsWith('.bench.ts'))
  .sort()
  .map((name) => name.replace(/\.bench\.ts$/, ''));
// A misspelt name would otherwise run nothing and still rewrite the page.
const unknown = [...(only ?? [])].filter((name) => !known.includes(name));
if (unknown.length > 0) {
  console.error(`unknown bench: ${unknown.join(', ')} (the benches are ${known.join(', ')})`);
  process.exit(2);
}
const benches = known.filter((name) => !only || only.has(name)).map((name) => `${name}.bench.ts`);
if (values.list) {
  for (const name of benches) console.log(name.replace(/\.bench\.ts$/, ''));
  process.exit(0);
}

const failed: string[] = [];
if (!values['docs-only']) {
  for (const name of benches) {
    console.error(`\n=== ${name} ===`);
    const started = performance.now();
    // One at a time: benches measure the machine, two at once would measure each other.
    const run = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(new URL(name, benchDir))], { stdio: 'inherit' });
    const seconds = Math.round((performance.now() - started) / 100) / 10;
    if (run.status !== 0) failed.push(name);
    console.error(`=== ${name}: ${run.status === 0 ? 'done' : `failed (exit ${run.status})`} in ${seconds} s ===`);
  }
}

const { results, problems } = readBenchResults();
refreshPerformanceDoc({ file: performancePage, results, problems });
console.error(`\nrefreshed ${fileURLToPath(performancePage)} from ${results.length} result file(s)`);
if (failed.length > 0) {
  console.error(`failed: ${failed.join(', ')}`);
  process.exitCode = 1;
}
