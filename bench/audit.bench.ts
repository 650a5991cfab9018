// Audit replay: 10M generated events (SPEC §5: replayed in under 10 minutes) replayed by `runAudit`, beside
// a baseline that only reads the same file and JSON.parses each line, in the same run. The history is
// generated once (seeded, so the same on every machine) and kept in the system's temporary directory.
// Writes bench/results/audit.json for bench/run-all.ts to collect.
// Run: npm run bench:audit -- [events=10000000] [file]
import { createReadStream, existsSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { writeHistoryJsonl } from '../src/features/history/write-history.js';
import { readJsonl } from '../src/features/audit/audit-input.js';
import { writeBenchResult } from './lib/results.js';
import { describeMachine } from './lib/machine.js';
import { runAudit } from '../src/features/audit/run-audit.js';

const events = Number(process.argv[2] ?? 10_000_000);
const file = process.argv[3] ?? join(tmpdir(), `kept-audit-bench-${events}.jsonl`);
const mb = (bytes: number) => (bytes / 1e6).toFixed(0);

if (!existsSync(file)) {
  const t = performance.now();
  // About 15 events per journey over at most 400 days; maxEvents cuts the history exactly.
  const written = await writeHistoryJsonl({ file, options: { seed: 1, days: 400, journeysPerDay: Math.ceil(events / 15 / 50), maxEvents: events, cracks: { rate: 0.02 } } });
  console.log(`generated ${written.events} events (${mb(written.bytes)} MB, ${written.planted.length} cracks planted) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

let peakRss = 0;
const sample = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);

// The machine is shared: CPU time (user + system) is reported beside wall time, and the extrapolation uses
// the CPU-time rate when the process got less than a whole core.
const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
};
let parsed = 0;
const c0 = process.cpuUsage();
const t0 = performance.now();
const base = await readJsonl({
  stream: createReadStream(file, { highWaterMark: 1 << 20 }),
  sink: { accept: () => void parsed++, reject: () => undefined },
});
const baselineSeconds = (performance.now() - t0) / 1000;
const baselineCpu = cpuSeconds(c0);
const baselineRss = peakRss;

peakRss = 0;
const c1 = process.cpuUsage();
const t1 = performance.now();
const summary = await runAudit({ input: file });
const auditSeconds = (performance.now() - t1) / 1000;
const auditCpu = cpuSeconds(c1);
peakRss = Math.max(peakRss, process.memoryUsage().rss);
clearInterval(sample);

const baselineRate = parsed / baselineSeconds;
const auditRate = summary.events / auditSeconds;
const auditCpuRate = summary.events / auditCpu;
const report = {
  name: 'audit',
  target: 'SPEC §5: a history of 10 million events replayed in under 10 minutes',
  machine: { cpus: cpus().length, model: cpus()[0]?.model, memoryGB: Math.round(totalmem() / 1e9), node: process.version },
  date: new Date().toISOString(),
  loadAverage: loadavg().map((l) => Number(l.toFixed(1))),
  // The headline figures run-all collects: the audit's rate, its ratio to reading and parsing the same file, its memory.
  eventsPerSecond: Math.round(auditRate),
  ratioToBaseline: Number((auditRate / baselineRate).toFixed(2)),
  peakRssMB: Number(mb(peakRss)),
  // The kernel's high-water mark for the whole process (generation and baseline included), beside the sampled one.
  processMaxRssMB: Number(mb(process.resourceUsage().maxRSS * 1024)),
  file: { events: summary.events, MB: Number(mb(base.bytes)) },
  baseline: {
    what: 'read + split lines + JSON.parse',
    seconds: Number(baselineSeconds.toFixed(2)),
    cpuSeconds: Number(baselineCpu.toFixed(2)),
    eventsPerSecond: Math.round(baselineRate),
    eventsPerCpuSecond: Math.round(parsed / baselineCpu),
    peakRssMB: Number(mb(baselineRss)),
  },
  audit: {
    seconds: Number(auditSeconds.toFixed(2)),
    cpuSeconds: Number(auditCpu.toFixed(2)),
    eventsPerSecond: Math.round(auditRate),
    eventsPerCpuSecond: Math.round(auditCpuRate),
    peakRssMB: Number(mb(peakRss)),
    cracks: summary.totalCracks,
    peakOpenWindows: summary.peakOpenWindows,
    peakCustomersHeld: summary.peakCustomersHeld,
  },
  ratioToBaselineCpu: Number((auditCpuRate / (parsed / baselineCpu)).toFixed(2)),
  extrapolated10M: {
    minutesAtWallRate: Number((10_000_000 / auditRate / 60).toFixed(1)),
    minutesAtCpuRate: Number((10_000_000 / auditCpuRate / 60).toFixed(1)),
    target: '< 10 min',
    note: 'linear: the replay holds only open windows and recently active customers, so its cost per event does not grow with the file',
  },
};
const minutes = auditSeconds / 60;
const measured10M = summary.events >= 10_000_000;
writeBenchResult({
  bench: 'audit',
  title: 'Audit replay (kept audit)',
  ranAt: report.date,
  machine: describeMachine(),
  parameters: { events: summary.events, fileMB: report.file.MB, loadAverage: report.loadAverage },
  figures: [
    {
      ...(measured10M ? { spec: 'audit' as const } : {}),
      label: `Audit replay of ${(summary.events / 1e6).toLocaleString('en')}M events`,
      value: Number(minutes.toFixed(2)),
      unit: 'min',
      target: '10M events in < 10 min',
      meetsTarget: measured10M && minutes < 10,
      baseline: { label: 'read + split lines + JSON.parse of the same file', value: Number((baselineSeconds / 60).toFixed(2)), unit: 'min' },
      ratio: Number((auditSeconds / baselineSeconds).toFixed(2)),
      detail: `${report.eventsPerSecond.toLocaleString('en')} events/s (baseline ${report.baseline.eventsPerSecond.toLocaleString('en')}); ${summary.totalCracks.toLocaleString('en')} cracks found; peak RSS ${report.peakRssMB} MB`,
    },
  ],
  notes: measured10M ? [] : [`${report.extrapolated10M.note}: 10M would take about ${report.extrapolated10M.minutesAtWallRate} min at this rate`],
  raw: report,
});
console.log(JSON.stringify(report, null, 2));
console.log('written to bench/results/audit.json');
