// Reads a history file record by record, pulling as the import goes (a large file is never held whole):
// Kept's JSON Lines, CSV through a column mapping, or a desk's export. Each record yields the events it
// stands for and what could not be read, with its position (the line, or the CSV record's last line).
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';
import { mapCsvRow, type CsvMapping } from '../audit/audit-input.js';
import type { ImportedEvent } from './desk-export.js';
import { readFreshdeskRecord } from './freshdesk.js';
import { createZendeskReader } from './zendesk.js';

export const importFormats = ['jsonl', 'csv', 'zendesk', 'freshdesk'] as const;
export type ImportFormat = (typeof importFormats)[number];

export interface SourceRecord {
  position: number;
  /** Objects meant as Kept events, not validated yet. */
  events: unknown[];
  problems: string[];
  /** Parts of the record that are not customer-visible messages (internal notes), left out on purpose. */
  skipped: number;
}

/** The format a file's name suggests when none is given. */
export function formatOfPath(path: string): ImportFormat {
  return /\.csv$/i.test(path) ? 'csv' : 'jsonl';
}

async function* linesOf(options: { path: string; onBytes: (bytes: number) => void }): AsyncGenerator<{ line: number; text: string }> {
  const stream = createReadStream(options.path);
  stream.on('data', () => options.onBytes(stream.bytesRead));
  const reader = createInterface({ input: stream, crlfDelay: Infinity });
  let line = 0;
  for await (const text of reader) {
    line++;
    if (text.trim()) yield { line, text };
  }
}

function parseJson(text: string): { value: unknown } | { problem: string } {
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    return { problem: `not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
}

export async function* readImportSource(options: { path: string; format: ImportFormat; mapping?: CsvMapping | undefined; onBytes: (bytes: number) => void }): AsyncGenerator<SourceRecord> {
  if (options.format === 'csv') {
    const stream = createReadStream(options.path);
    stream.on('data', () => options.onBytes(stream.bytesRead));
    const problems: { line: number; error: string }[] = [];
    const parser = stream.pipe(parse({ columns: true, info: true, bom: true, skip_empty_lines: true, skip_records_with_error: true }));
    parser.on('skip', (error: Error & { lines?: number }) => problems.push({ line: error.lines ?? 0, error: error.message }));
    for await (const item of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      for (const skipped of problems.splice(0)) yield { position: skipped.line, events: [], problems: [skipped.error], skipped: 0 };
      yield { position: item.info.lines, events: [mapCsvRow(item.record, options.mapping ?? {})], problems: [], skipped: 0 };
    }
    for (const skipped of problems.splice(0)) yield { position: skipped.line, events: [], problems: [skipped.error], skipped: 0 };
    return;
  }
  const zendesk = options.format === 'zendesk' ? createZendeskReader() : undefined;
  for await (const { line, text } of linesOf(options)) {
    const parsed = parseJson(text);
    if ('problem' in parsed) {
      yield { position: line, events: [], problems: [parsed.problem], skipped: 0 };
      continue;
    }
    if (options.format === 'jsonl') {
      yield { position: line, events: [parsed.value], problems: [], skipped: 0 };
      continue;
    }
    const reading: { events: ImportedEvent[]; problems: string[]; skipped: number } = zendesk ? zendesk.read(parsed.value) : readFreshdeskRecord(parsed.value);
    yield { position: line, ...reading };
  }
}
