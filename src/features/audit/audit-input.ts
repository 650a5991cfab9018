// Reading a history: JSON Lines split by hand (faster than readline) or CSV through a column mapping.
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { parse } from 'csv-parse';
import { z } from 'zod';

export interface RecordSink {
  accept(value: unknown, line: number): void;
  reject(line: number, error: string): void;
}

/** Called after each chunk with the bytes read so far. */
export type ByteCounter = (bytesRead: number) => void;

/** Feeds each line of a JSON Lines stream to `sink` (through `mapping` when given); a line that is not JSON is rejected with its number. */
export async function readJsonl(params: { stream: Readable; sink: RecordSink; mapping?: HistoryMapping; onBytes?: ByteCounter }): Promise<{ bytes: number; lines: number }> {
  const { stream, sink, onBytes, mapping } = params;
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let line = 0;
  let bytes = 0;
  const take = (text: string): void => {
    line++;
    if (text.length === 0 || (text.length === 1 && text === '\r')) return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      sink.reject(line, error instanceof Error ? error.message : 'not JSON');
      return;
    }
    sink.accept(mapping ? mapJsonRecord(value, mapping) : value, line);
  };
  for await (const chunk of stream) {
    const buffer: Buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    bytes += buffer.length;
    const text = rest + decoder.write(buffer);
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      take(text.slice(start, nl));
      start = nl + 1;
    }
    rest = text.slice(start);
    onBytes?.(bytes);
  }
  rest += decoder.end();
  if (rest.length > 0) take(rest);
  return { bytes, lines: line };
}

/**
 * Which source field fills which event field, by dotted event path. For CSV the source is a column:
 * `{ "id": "event_id", "occurred_at": "time", "customer.email": "email", "data.text": "body" }`, and `id`,
 * `type` and `occurred_at` are required. For JSON Lines the source is a dotted path in each line's object:
 * `{ "occurred_at": "timestamp", "data.author": "sender", "data.thread_ref": "conversation.id" }`; fields
 * the mapping does not name are read where the SPEC puts them.
 */
export const historyMappingSchema = z.record(z.string().regex(/^[a-z_]+(\.[a-z_]+)*$/, 'a dotted event path such as data.thread_ref'), z.string().min(1));
export const csvMappingSchema = historyMappingSchema.refine((m) => 'id' in m && 'type' in m && 'occurred_at' in m, 'the mapping must name columns for id, type and occurred_at');
export type HistoryMapping = z.infer<typeof historyMappingSchema>;
export type CsvMapping = HistoryMapping;

function getPath(source: unknown, path: string): unknown {
  let node = source;
  for (const part of path.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** An event from one JSON Lines record through `mapping`: mapped fields are copied in, the rest kept. */
export function mapJsonRecord(value: unknown, mapping: HistoryMapping): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const event: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  // The nested objects a mapping writes into are copied, so the source record is never changed.
  for (const key of ['customer', 'order', 'data']) {
    const inner = event[key];
    if (typeof inner === 'object' && inner !== null && !Array.isArray(inner)) event[key] = { ...(inner as Record<string, unknown>) };
  }
  for (const [path, from] of Object.entries(mapping)) {
    const found = getPath(value, from);
    if (found !== undefined && found !== null) setPath(event, path, found);
  }
  return event;
}

const numericFields = new Set(['data.score']);
const booleanFields = new Set(['data.contact_requested', 'order.ship_to.is_gift']);

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (typeof next === 'object' && next !== null) node = next as Record<string, unknown>;
    else node = (node[part] = {}) as Record<string, unknown>;
  }
  node[parts[parts.length - 1] as string] = value;
}

/** Builds an event object from one CSV row; empty cells are left out. */
export function mapCsvRow(row: Record<string, string>, mapping: CsvMapping): Record<string, unknown> {
  const event: Record<string, unknown> = {};
  for (const [path, column] of Object.entries(mapping)) {
    const raw = row[column];
    if (raw === undefined || raw === '') continue;
    let value: unknown = raw;
    if (numericFields.has(path) && /^-?\d+(\.\d+)?$/.test(raw)) value = Number(raw);
    else if (booleanFields.has(path)) value = /^(true|yes|1|y)$/i.test(raw);
    setPath(event, path, value);
  }
  return event;
}

/** Feeds each CSV row (header first) to `sink` through `mapping`; a malformed row is rejected with its line number. */
export async function readCsv(params: { stream: Readable; mapping: CsvMapping; sink: RecordSink; onBytes?: ByteCounter }): Promise<{ bytes: number; lines: number }> {
  const { stream, mapping, sink, onBytes } = params;
  let bytes = 0;
  stream.on('data', (chunk: Buffer | string) => {
    bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    onBytes?.(bytes);
  });
  const parser = stream.pipe(
    parse({
      columns: true,
      info: true,
      bom: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      relax_quotes: false,
    }),
  );
  parser.on('skip', (error: Error & { lines?: number }) => sink.reject(error.lines ?? 0, error.message));
  let lines = 0;
  for await (const item of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    lines = item.info.lines;
    sink.accept(mapCsvRow(item.record, mapping), item.info.lines);
  }
  return { bytes, lines };
}
