// `kept import <file>`: loads a history or another desk's export into the configured store
// (KEPT_DATA_DIR or DATABASE_URL) through Kept's own ingest, with a progress bar, a dry run and resume.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../config/config.js';
import { AppError } from '../../shared/app-error.js';
import { csvMappingSchema, type CsvMapping } from '../audit/audit-input.js';
import { createImportPorts } from './import-ports.js';
import { formatOfPath, importFormats, type ImportFormat } from './import-source.js';
import { runImport, type ImportProgress, type ImportReport } from './run-import.js';

export const importUsage = `Usage: kept import <file> [--format jsonl|csv|zendesk|freshdesk] [--mapping m.json] [--live-after <time>] [--dry-run] [--json]

  --format      jsonl (Kept's events, one per line; the default), csv (with --mapping), zendesk (its full
                JSON export or incremental export pages, one record per line), freshdesk (tickets with
                conversations and requester, one per line)
  --mapping     a JSON file naming which CSV column fills which event field ("customer.email": "email", …)
  --live-after  events before this time (ISO 8601; default: now) are history: their commitments are
                settled as of then and no customer is written to; later events are processed live
  --dry-run     read and validate the whole file and report what would load; write nothing
  --json        print the report as JSON
`;

async function mappingFrom(path: string | undefined): Promise<CsvMapping | undefined> {
  if (!path) return undefined;
  const parsed = csvMappingSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
  if (!parsed.success) throw new AppError('validation_failed', { detail: `--mapping: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`, field: 'mapping' });
  return parsed.data;
}

function formatFrom(value: string | undefined, path: string): ImportFormat {
  if (value === undefined) return formatOfPath(path);
  if ((importFormats as readonly string[]).includes(value)) return value as ImportFormat;
  throw new AppError('validation_failed', { detail: `--format: one of ${importFormats.join(', ')}, not "${value}"`, field: 'format' });
}

function liveAfterFrom(value: string | undefined): Date {
  if (value === undefined) return new Date();
  const time = /[zZ]|[+-]\d\d:\d\d$/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time)) throw new AppError('validation_failed', { detail: `--live-after: an ISO 8601 time with an offset, such as 2026-12-01T00:00:00Z, not "${value}"`, field: 'live-after' });
  return new Date(time);
}

function progressBar(): { update(progress: ImportProgress): void; stop(): void } {
  if (!process.stderr.isTTY) return { update() {}, stop() {} };
  const started = Date.now();
  const bar = new cliProgress.SingleBar(
    { format: 'importing [{bar}] {percentage}% | {events} events | {rate} events/s | eta {eta_formatted}', stream: process.stderr, etaBuffer: 50 },
    cliProgress.Presets.shades_classic,
  );
  let begun = false;
  return {
    update(progress) {
      if (!begun) bar.start(progress.totalBytes, 0, { events: 0, rate: 0 });
      begun = true;
      const seconds = Math.max((Date.now() - started) / 1000, 0.001);
      bar.update(progress.bytesRead, { events: progress.events, rate: Math.round(progress.events / seconds) });
    },
    stop: () => bar.stop(),
  };
}

function describeReport(report: ImportReport): string {
  const types = Object.entries(report.byType)
    .sort((a, b) => b[1] - a[1])
    .map(([type, count]) => `${type} ${count}`)
    .join(', ');
  const lines = [
    `${report.dryRun ? 'Dry run of' : 'Imported'} ${report.file} (${report.format}): ${report.records} records, ${report.events} valid events${types ? ` (${types})` : ''}.`,
    report.dryRun ? 'Nothing was written.' : `${report.accepted} events stored, ${report.duplicates} already there.`,
  ];
  lines.push(
    `${report.history} events from before ${report.liveAfter} ${report.dryRun ? 'would be' : 'were'} replayed as history (no customer written to); ${report.live} from after it processed live.`,
  );
  if (report.resumedAfter !== null) lines.push(`Resumed after record ${report.resumedAfter} of an earlier run.`);
  if (report.skipped > 0) lines.push(`${report.skipped} internal notes or empty messages left out.`);
  if (report.outOfOrder > 0) lines.push(`${report.outOfOrder} events were older than events loaded before them: sort the file by time for an exact history.`);
  if (report.invalid + report.problems.length > 0) {
    lines.push(`${report.invalid} events invalid; problems:`);
    for (const { position, problem } of report.problems) lines.push(`  line ${position}: ${problem}`);
    if (report.problemsNotListed > 0) lines.push(`  … and ${report.problemsNotListed} more`);
  }
  return `${lines.join('\n')}\n`;
}

export async function runImportCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { format: { type: 'string' }, mapping: { type: 'string' }, 'live-after': { type: 'string' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    process.stdout.write(importUsage);
    return 0;
  }
  const [path] = positionals;
  if (!path || positionals.length > 1) {
    process.stderr.write(importUsage);
    return 2;
  }
  const format = formatFrom(values.format, path);
  const mapping = await mappingFrom(values.mapping);
  const liveAfter = liveAfterFrom(values['live-after']);
  if (format === 'csv' && !mapping) throw new AppError('validation_failed', { detail: '--mapping: a CSV history needs a mapping of its columns to event fields', field: 'mapping' });
  const bar = progressBar();
  let report: ImportReport;
  if (values['dry-run']) {
    report = await runImport({ path, format, mapping, liveAfter, onProgress: bar.update });
  } else {
    // The importer's clock stands still: it fires no timer itself; a running Kept fires what falls due.
    const kept = await buildApp({ config: loadConfig({ ...process.env, KEPT_CLOCK: 'manual' }) });
    try {
      if (kept.createdAdminToken) process.stderr.write(`\nKept created an admin token. Keep it safe; it will not be shown again:\n\n  ${kept.createdAdminToken}\n\n`);
      const ports = createImportPorts({ db: kept.store.db, ingestEvents: kept.services.ingest.ingestEvents, finishHistory: kept.services.engine.service.finishHistory });
      report = await runImport({ path, format, mapping, liveAfter, onProgress: bar.update, ports });
    } finally {
      bar.stop();
      await kept.close();
    }
  }
  bar.stop();
  process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : describeReport(report));
  return report.invalid > 0 || report.problems.length > 0 ? 1 : 0;
}
