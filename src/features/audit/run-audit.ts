// `runAudit`: opens the history, streams it through the replay and returns the summary.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { AppError } from '../../shared/app-error.js';
import type { AuditOptions } from './audit-options.js';
import { createAuditReplay } from './audit-replay.js';
import type { AuditSummary } from './audit-summary.js';
import { csvMappingSchema, historyMappingSchema, readCsv, readJsonl } from './audit-input.js';
import type { HistoryMapping } from './audit-input.js';

export interface AuditProgress {
  bytesRead: number;
  /** Known when the input is a file. */
  totalBytes: number | undefined;
}

export interface RunAuditParams {
  /** A readable stream of the history, or the path of its file. */
  input: Readable | string;
  format?: 'jsonl' | 'csv';
  /** Which source field fills which event field: required for CSV (columns), optional for JSON Lines (dotted paths). */
  mapping?: HistoryMapping;
  options?: AuditOptions;
  onProgress?: (progress: AuditProgress) => void;
}

/** Replays a history and reports every crack in it; never touches a database or live data. */
export async function runAudit(params: RunAuditParams): Promise<AuditSummary> {
  const started = performance.now();
  const format = params.format ?? (typeof params.input === 'string' && params.input.toLowerCase().endsWith('.csv') ? 'csv' : 'jsonl');
  const totalBytes = typeof params.input === 'string' ? (await stat(params.input)).size : undefined;
  const replay = createAuditReplay(params.options);
  const mapping = format === 'csv' ? csvMappingSchema.safeParse(params.mapping) : params.mapping ? historyMappingSchema.safeParse(params.mapping) : undefined;
  if (mapping && !mapping.success) {
    throw new AppError('validation_failed', { detail: `${format.toUpperCase()} mapping: ${mapping.error.issues.map((i) => `${i.path.join('.')} ${i.message}`.trim()).join('; ')}`, field: 'mapping' });
  }
  // Options and mapping are checked before the file is opened, so a mistake leaves nothing open.
  const stream = typeof params.input === 'string' ? createReadStream(params.input, { highWaterMark: 1 << 20 }) : params.input;
  const onBytes = params.onProgress ? (bytesRead: number) => params.onProgress?.({ bytesRead, totalBytes }) : undefined;
  const read =
    format === 'csv'
      ? await readCsv({ stream, mapping: mapping?.success ? mapping.data : {}, sink: replay, ...(onBytes ? { onBytes } : {}) })
      : await readJsonl({ stream, sink: replay, ...(mapping?.success ? { mapping: mapping.data } : {}), ...(onBytes ? { onBytes } : {}) });
  return replay.finish({ format, bytes: read.bytes, lines: read.lines }, Math.round(performance.now() - started));
}
