// Audit replay rate: 1M generated events replayed by `runAudit`, beside a baseline that only reads the same
// file and JSON.parses each line, in the same run. Extrapolates to the SPEC §5 target (10M events < 10 min).
// Run: npx tsx bench/audit.bench.ts [events=1000000] [file]
import { createReadStream, existsSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { writeHistoryJsonl } from '../src/features/history/write-history.js';
import { readJsonl } from '../src/features/audit/audit-input.js';
import { runAudit } from '../src/features/audit/run-audit.js';

const events = Number(process.argv[2] ?? 1_000_000);
const file = process.argv[3] ?? join(tmpdir(), `kept-audit-bench-${events}.jsonl`);
const mb = (bytes: number) => (bytes / 1e6).toFixed(0);

if (!existsSync(file)) {
  const t = performance.now();
  // About 15 events per journey: 60 days at this rate is a little over 1M events; maxEvents cuts it exactly.
  const written = await writeHistoryJsonl({ file, options: { seed: 1, days: 400, journeysPerDay: Math.ceil(events / 15 / 50), maxEvents: events, cracks: { rate: 0.02 } } });
  console.log(`generated ${written.events} events (${mb(written.bytes)} MB, ${written.planted.length} cracks planted) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

let peakRss = 0;
const sample = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);

let parsed = 0;
const t0 = performance.now();
const base = await readJsonl({
  stream: createReadStream(file, { highWaterMark: 1 << 20 }),
  sink: { accept: () => void parsed++, reject: () => undefined },
});
const baselineSeconds = (performance.now() - t0) / 1000;
const baselineRss = peakRss;

peakRss = 0;
const t1 = performance.now();
const summary = await runAudit({ input: file });
const auditSeconds = (performance.now() - t1) / 1000;
clearInterval(sample);

const baselineRate = parsed / baselineSeconds;
const auditRate = summary.events / auditSeconds;
const tenMillionMinutes = 10_000_000 / auditRate / 60;
console.log(JSON.stringify({
  machine: { cpus: cpus().length, model: cpus()[0]?.model, memoryGB: Math.round(totalmem() / 1e9), node: process.version },
  date: new Date().toISOString(),
  file: { events: summary.events, MB: Number(mb(base.bytes)) },
  baseline: { what: 'read + split lines + JSON.parse', seconds: Number(baselineSeconds.toFixed(2)), eventsPerSecond: Math.round(baselineRate), peakRssMB: Number(mb(baselineRss)) },
  audit: { seconds: Number(auditSeconds.toFixed(2)), eventsPerSecond: Math.round(auditRate), peakRssMB: Number(mb(peakRss)), cracks: summary.totalCracks, peakOpenWindows: summary.peakOpenWindows, peakCustomersHeld: summary.peakCustomersHeld },
  ratioToBaseline: Number((auditRate / baselineRate).toFixed(2)),
  extrapolated10M: { minutes: Number(tenMillionMinutes.toFixed(1)), target: '< 10 min', meets: tenMillionMinutes < 10 },
}, null, 2));
