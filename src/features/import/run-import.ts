// Loads a history file through Kept's own ingest, in batches, checkpointing after each so that a run
// stopped halfway resumes where it stopped; a re-run never doubles anything (events are idempotent by id).
import { createHash } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { CsvMapping } from '../audit/audit-input.js';
import { eventSchema, type EventInput } from '../events/event.schemas.js';
import { describeIssues } from './desk-export.js';
import type { ImportCheckpoint } from './import-checkpoint.repo.js';
import { readImportSource, type ImportFormat } from './import-source.js';

/** Kept's ingest takes at most this many events in one call, as `POST /api/v1/events` does. */
export const importBatchSize = 1000;
/** The report lists this many problems in full and counts the rest. */
const problemsListed = 20;

export interface ImportProgress {
  bytesRead: number;
  totalBytes: number;
  events: number;
}

export interface ImportPorts {
  /** Ingests a batch; with `history`, every event of it is from before the horizon and reaches no customer. */
  ingest(events: EventInput[], options: { history?: { horizon: Date } }): Promise<{ accepted: number; duplicates: number }>;
  /** Settles every commitment the history opened that was due by the horizon; those due later stay live. */
  finishHistory(options: { horizon: Date }): Promise<void>;
  findCheckpoint(sourceKey: string): Promise<ImportCheckpoint | undefined>;
  saveCheckpoint(checkpoint: { sourceKey: string; fileName: string; format: string; position: number; accepted: number; duplicates: number; finished: boolean }): Promise<void>;
}

export interface ImportReport {
  file: string;
  format: ImportFormat;
  dryRun: boolean;
  records: number;
  events: number;
  byType: Record<string, number>;
  invalid: number;
  problems: { position: number; problem: string }[];
  problemsNotListed: number;
  /** Internal notes and the like, left out on purpose. */
  skipped: number;
  accepted: number;
  duplicates: number;
  /** The live horizon: events before it were loaded as history, reaching no customer. */
  liveAfter: string;
  /** Valid events from before the horizon, and from after it (processed live: they may message customers). */
  history: number;
  live: number;
  /** The record the run started after, when it resumed an earlier run. */
  resumedAfter: number | null;
  /** Events older than one already loaded: the file is not in time order, and they were applied late. */
  outOfOrder: number;
}

/** Identifies a file by its format, size and first 64 KiB, so a resume finds its checkpoint wherever the file moved. */
export async function sourceKeyOf(options: { path: string; format: ImportFormat }): Promise<string> {
  const { size } = await stat(options.path);
  const handle = await open(options.path, 'r');
  try {
    const head = Buffer.alloc(Math.min(size, 64 * 1024));
    await handle.read(head, 0, head.length, 0);
    return createHash('sha256').update(`${options.format}\n${size}\n`).update(head).digest('hex');
  } finally {
    await handle.close();
  }
}

export async function runImport(options: {
  path: string;
  format: ImportFormat;
  mapping?: CsvMapping | undefined;
  /** Without ports nothing is written: the file is read and validated, and the report says what would load. */
  ports?: ImportPorts | undefined;
  onProgress?: (progress: ImportProgress) => void;
  /** Events per ingest call and per checkpoint. */
  batchSize?: number;
  /** Events before this time are history (default: now). */
  liveAfter?: Date;
}): Promise<ImportReport> {
  const horizon = options.liveAfter ?? new Date();
  const batchSize = options.batchSize ?? importBatchSize;
  const { path, format, ports } = options;
  const totalBytes = (await stat(path)).size;
  const sourceKey = await sourceKeyOf({ path, format });
  const checkpoint = ports ? await ports.findCheckpoint(sourceKey) : undefined;
  const report: ImportReport = {
    file: basename(path),
    format,
    dryRun: !ports,
    records: 0,
    events: 0,
    byType: {},
    invalid: 0,
    problems: [],
    problemsNotListed: 0,
    skipped: 0,
    accepted: checkpoint?.accepted ?? 0,
    duplicates: checkpoint?.duplicates ?? 0,
    liveAfter: horizon.toISOString(),
    history: 0,
    live: 0,
    resumedAfter: checkpoint ? checkpoint.position : null,
    outOfOrder: 0,
  };
  const problem = (position: number, text: string): void => {
    if (report.problems.length < problemsListed) report.problems.push({ position, problem: text });
    else report.problemsNotListed++;
  };

  let bytesRead = 0;
  let pending: EventInput[] = [];
  let pendingThrough = checkpoint?.position ?? 0;
  let latestLoaded = Number.NEGATIVE_INFINITY;
  const flush = async (finished: boolean): Promise<void> => {
    if (!ports) return;
    // Within what is loaded together, time order; across batches the file's order stands (see outOfOrder).
    const ordered = pending.map((event, index) => ({ event, index, at: Date.parse(event.occurred_at ?? '') || 0 })).sort((a, b) => a.at - b.at || a.index - b.index);
    for (const { at } of ordered) if (at < latestLoaded) report.outOfOrder++;
    // History and live events never share a batch: a batch is replayed as history or processed live, whole.
    const firstLive = ordered.findIndex((entry) => entry.at >= horizon.getTime());
    const parts =
      firstLive < 0
        ? [{ events: ordered, history: true }]
        : [
            { events: ordered.slice(0, firstLive), history: true },
            { events: ordered.slice(firstLive), history: false },
          ];
    for (const part of parts) {
      for (let start = 0; start < part.events.length; start += batchSize) {
        const batch = part.events.slice(start, start + batchSize).map((entry) => entry.event);
        const result = await ports.ingest(batch, part.history ? { history: { horizon } } : {});
        report.accepted += result.accepted;
        report.duplicates += result.duplicates;
      }
    }
    latestLoaded = Math.max(latestLoaded, ...ordered.slice(-1).map((entry) => entry.at));
    pending = [];
    await ports.saveCheckpoint({ sourceKey, fileName: report.file, format, position: pendingThrough, accepted: report.accepted, duplicates: report.duplicates, finished });
  };

  for await (const record of readImportSource({ path, format, mapping: options.mapping, onBytes: (bytes) => (bytesRead = bytes) })) {
    // Records before the checkpoint are read again (a desk's users must be known) but loaded once only.
    const alreadyLoaded = checkpoint !== undefined && record.position <= checkpoint.position;
    report.records++;
    report.skipped += record.skipped;
    for (const text of record.problems) problem(record.position, text);
    for (const raw of record.events) {
      const parsed = eventSchema.safeParse(raw);
      if (!parsed.success) {
        report.invalid++;
        problem(record.position, describeIssues('event', parsed.error));
        continue;
      }
      // A live event without a time happened when Kept received it; an imported one has no such moment.
      const { occurred_at: occurredAt } = parsed.data;
      if (occurredAt === undefined) {
        report.invalid++;
        problem(record.position, 'event.occurred_at: an imported event needs the time it happened');
        continue;
      }
      report.events++;
      report.byType[parsed.data.type] = (report.byType[parsed.data.type] ?? 0) + 1;
      if (Date.parse(occurredAt) < horizon.getTime()) report.history++;
      else report.live++;
      if (!alreadyLoaded) pending.push({ ...parsed.data, occurred_at: occurredAt });
    }
    if (!alreadyLoaded) pendingThrough = record.position;
    if (pending.length >= batchSize) await flush(false);
    options.onProgress?.({ bytesRead, totalBytes, events: report.events });
  }
  await flush(true);
  await ports?.finishHistory({ horizon });
  options.onProgress?.({ bytesRead: totalBytes, totalBytes, events: report.events });
  return report;
}
