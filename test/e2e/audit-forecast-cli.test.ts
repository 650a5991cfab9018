// `kept history`, `kept audit`, `kept forecast` and `kept bench` as a user runs them: the bin, files on disk, exit codes.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKeptCli } from '../helpers/run-kept-cli.js';

let dir = '';

function kept(args: string[]) {
  // The live store's directory does not exist: a command that opened it would create it.
  return runKeptCli({ args, cwd: dir, env: { KEPT_DATA_DIR: join(dir, 'live-data'), DATABASE_URL: '', KEPT_URL: '', KEPT_CONFIG: '' } });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kept-cli-'));
  const written = await kept(['history', '--out', 'history.jsonl', '--seed', '5', '--days', '8', '--per-day', '60', '--crack-rate', '0.1', '--planted', 'planted.json']);
  expect(written.code).toBe(0);
  expect(written.stdout).toMatch(/^\d+ events, \d+ bytes, \d+ cracks planted/);
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('kept audit', () => {
  it('reports the planted cracks as JSON, writes the HTML report, exits 1, and leaves the live store alone', { timeout: 120_000 }, async () => {
    const run = await kept(['audit', 'history.jsonl', '--json', '--html', 'report.html']);
    expect(run.code).toBe(1);
    const summary = JSON.parse(run.stdout) as { events: number; to: string; totalCracks: number; cracks: Record<string, { count: number }> };
    const planted = JSON.parse(await readFile(join(dir, 'planted.json'), 'utf8')) as Array<{ kind: string; breaksAt: string }>;
    const due = planted.filter((p) => p.breaksAt < summary.to);
    expect(due.length).toBeGreaterThan(0);
    expect(summary.totalCracks).toBe(due.length);
    for (const kind of new Set(due.map((p) => p.kind))) expect(summary.cracks[kind]?.count).toBe(due.filter((p) => p.kind === kind).length);
    expect((await readFile(join(dir, 'report.html'), 'utf8')).startsWith('<!doctype html>')).toBe(true);
    expect(existsSync(join(dir, 'live-data'))).toBe(false);
  });

  it('writes only JSON with --json, and otherwise says how it read the file before its findings', { timeout: 120_000 }, async () => {
    const json = await kept(['audit', 'history.jsonl', '--json']);
    expect((JSON.parse(json.stdout) as { reading: { authors: { unknown: number } } }).reading.authors.unknown).toBe(0);
    expect(existsSync(join(dir, 'kept-audit.html'))).toBe(false);
    const text = await kept(['audit', 'history.jsonl']);
    expect(text.stdout.startsWith('How the file was read\n  event types: ')).toBe(true);
    expect(text.stdout).toMatch(/authors of messages sent: [\d,]+ person \([\d,]+ managers\), [\d,]+ automated, 0 unknown — read from data\.author \(string\)/);
    expect(existsSync(join(dir, 'kept-audit.html'))).toBe(false);
  });

  it('exits 0 on a history without cracks, and 2 when the file is missing from the command', { timeout: 120_000 }, async () => {
    expect((await kept(['history', '--out', 'clean.jsonl', '--seed', '6', '--days', '4', '--per-day', '40'])).code).toBe(0);
    const clean = await kept(['audit', 'clean.jsonl', '--html', 'clean.html']);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toMatch(/total\s+0\n/);
    const usage = await kept(['audit']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('kept audit <history.jsonl|history.csv>');
  });
});

describe('kept forecast', () => {
  it('prints a day-by-day table and warns (exit 1) when the staffing is short', { timeout: 120_000 }, async () => {
    const short = await kept(['forecast', '--from', 'history.jsonl', '--days', '3', '--agents', '1', '--per-agent-hour', '0.5']);
    expect(short.code).toBe(1);
    const lines = short.stdout.split('\n');
    expect(lines[0]).toMatch(/^date\s+arrivals\s+capacity\s+backlog\s+at risk\s+breaches\s+uplift$/);
    expect(lines.slice(1, 4).every((l) => /^\d{4}-\d{2}-\d{2} \w{3}\s+\d+\s+12\s/.test(l))).toBe(true);
    expect(short.stdout).toContain('⚠ first responses will break');
    expect(short.stdout).toMatch(/Warning: (in \d+ days?, )?from \d{4}-\d{2}-\d{2}/);
  });

  it('exits 0 with enough staff, and gives the whole forecast as JSON', { timeout: 120_000 }, async () => {
    const ample = await kept(['forecast', '--from', 'history.jsonl', '--days', '2', '--agents', '40', '--json']);
    expect(ample.code).toBe(0);
    const forecast = JSON.parse(ample.stdout) as { days: Array<{ arrivals: number }>; hours: unknown[]; warningDay: string | null };
    expect(forecast.days).toHaveLength(2);
    expect(forecast.hours).toHaveLength(48);
    expect(forecast.days[0]?.arrivals).toBeGreaterThan(0);
    expect(forecast.warningDay).toBeNull();
  });
});

describe('kept bench', () => {
  it('names the benches it would run, and refuses a misspelt one before running or rewriting anything', { timeout: 60_000 }, async () => {
    const listed = await kept(['bench', '--list']);
    expect(listed.code).toBe(0);
    expect(listed.stdout.trim().split('\n')).toEqual(expect.arrayContaining(['ingest', 'timers', 'api', 'audit', 'memory']));
    const one = await kept(['bench', '--list', '--only', 'timers,audit']);
    expect(one.stdout.trim().split('\n')).toEqual(['audit', 'timers']);
    const misspelt = await kept(['bench', '--only', 'ingets']);
    expect(misspelt.code).toBe(2);
    expect(misspelt.stderr).toContain('unknown bench: ingets (the benches are api, audit,');
  });
});
