// The compiled server `npm start` runs: every module and the files it reads are in dist/, and the bin runs it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { distDir, distIsFresh, listServerSources } from '../../scripts/server-dist.mjs';

/** Runs `lines` as an ES module importing `module` of dist/ (as `compiled`); what it printed, parsed as JSON. */
function runWithDistModule(module: string, lines: string[]): unknown {
  const script = [`const compiled = await import(${JSON.stringify(pathToFileURL(join(distDir, module)).href)});`, ...lines].join('\n');
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout);
}

describe('the compiled server', () => {
  it('holds a JavaScript file for every module of src/ and a copy of every file the modules read', () => {
    expect(distIsFresh()).toBe(true);
    const sources = listServerSources();
    expect(sources.some((name) => name.endsWith('.yaml'))).toBe(true);
    const missing = sources.map((name) => name.replace(/\.ts$/, '.js')).filter((name) => !existsSync(join(distDir, name)));
    expect(missing).toEqual([]);
  });

  it('runs the kept commands', () => {
    const result = spawnSync(process.execPath, ['dist/cli/main.js', 'help'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Usage: kept <command>');
  });

  it('reads a message in the analysis worker from dist/, without falling back to the main thread', () => {
    const printed = runWithDistModule('features/signals/analysis-pool.js', [
      'let fellBack = false;',
      'const analysis = compiled.createAnalysisPool({ logger: { warn: () => { fellBack = true; } } });',
      "const reading = await analysis.readMessage('May I speak to a manager? ' + 'a'.repeat(300000));",
      'await analysis.close();',
      'console.log(JSON.stringify({ fellBack, manager: reading.signals.managerRequest.detected, truncated: reading.truncated }));',
    ]);
    expect(printed).toEqual({ fellBack: false, manager: true, truncated: true });
  });

  it('runs the embedded store in its worker thread from dist/', { timeout: 120_000 }, () => {
    const printed = runWithDistModule('db/create-db.js', [
      "const store = await compiled.createStore({ dataDir: 'memory://' });",
      "const rows = await store.db.selectFrom('agents').select((eb) => eb.fn.countAll().as('agents')).execute();",
      'await store.close();',
      'console.log(JSON.stringify(rows));',
    ]);
    expect(printed).toEqual([{ agents: 0 }]);
  });
});
