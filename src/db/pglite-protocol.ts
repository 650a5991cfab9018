// What the server's thread and the embedded store's worker thread (pglite-worker.ts) say to each other: a
// request names a statement, the dump or the close, and its answer comes back under the same id. Values cross
// by structured clone, which keeps Date, bigint, Uint8Array, arrays and plain objects; errors do not survive it
// with their PostgreSQL fields, so they cross as plain data and are built again on the server's side.

/** What the worker is started with (its `workerData`). */
export interface PgliteWorkerData {
  /** The data directory, or undefined for a store in memory. */
  dataDir: string | undefined;
  startParams: string[];
}

export type PgliteRequestBody = { kind: 'query'; sql: string; parameters: readonly unknown[] } | { kind: 'snapshot' } | { kind: 'close' };
export type PgliteRequest = PgliteRequestBody & { id: number };

export interface PgliteQueryResult {
  rows: Record<string, unknown>[];
  affectedRows: number | undefined;
  /** The command tag: `ROLLBACK` for a COMMIT that found its transaction aborted. */
  command: string | undefined;
}

/** The data directory as PGlite dumps it: a gzipped tarball, its bytes moved rather than copied. */
export interface PgliteDump {
  bytes: ArrayBuffer;
  type: string;
}

export interface SerializedError {
  name: string;
  message: string;
  stack: string | undefined;
  /** PostgreSQL's fields (`code`, `detail`, `constraint`, `table`, `column`, `severity`…) and Node's (`code`, `errno`). */
  fields: Record<string, string | number | boolean>;
}

export type PgliteReply = { kind: 'ready' } | { kind: 'result'; id: number; value: unknown } | { kind: 'error'; id: number; error: SerializedError };

// PGlite adds the statement's parameters to its errors: they may be megabytes of attachment, and repeat what
// the caller already holds.
const leftBehind = new Set(['params', 'queryOptions', 'stack', 'message', 'name']);

export function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), stack: undefined, fields: {} };
  const fields: SerializedError['fields'] = {};
  for (const [key, value] of Object.entries(error)) {
    if (leftBehind.has(key)) continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') fields[key] = value;
  }
  return { name: error.name, message: error.message, stack: error.stack, fields };
}

/**
 * The worker's error as an Error of this thread, with its fields; its stack is the worker's followed by the
 * caller's (`callerStack`, taken when the statement was sent), as Kysely's own drivers extend theirs.
 */
export function reviveError(serialized: SerializedError, callerStack?: string): Error {
  const error = Object.assign(new Error(serialized.message), serialized.fields);
  error.name = serialized.name;
  const caller = callerStack?.split('\n').slice(1).join('\n');
  error.stack = [serialized.stack ?? `${serialized.name}: ${serialized.message}`, caller].filter(Boolean).join('\n');
  return error;
}
