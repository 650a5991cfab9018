// The embedded store's thread. PGlite is PostgreSQL compiled to WebAssembly: every statement runs
// synchronously in the thread that owns it, so writing a 5 MB attachment held the server's event loop for
// seconds (docs/performance.md). Here it owns the thread instead. The server's thread (pglite-thread.ts) sends
// one request at a time per statement; this thread answers each in the order they came.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { serializeError, type PgliteDump, type PgliteQueryResult, type PgliteReply, type PgliteRequest, type PgliteWorkerData } from './pglite-protocol.js';

const BYTEA = 17;

// PGlite's own bytea conversions go byte by byte through arrays of strings: a 5 MB attachment cost seconds.
// Node's hex codec gives the same text and the same bytes. Each value read gets a buffer of its own, so that
// it can be moved to the server's thread instead of copied.
const byteaSerializer = (value: unknown): string => {
  if (!(value instanceof Uint8Array)) throw new Error('Invalid input for bytea type');
  return `\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`;
};
const byteaParser = (text: string): Uint8Array => {
  const bytes = new Uint8Array((text.length - 2) / 2);
  Buffer.from(bytes.buffer).write(text.slice(2), 'hex');
  return bytes;
};

/** The buffers of the byte values in `rows` that may be moved: each owned whole by one value, listed once. */
function movableBuffers(rows: readonly Record<string, unknown>[]): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const row of rows) {
    for (const value of Object.values(row)) {
      if (value instanceof Uint8Array && value.buffer instanceof ArrayBuffer && value.byteOffset === 0 && value.byteLength === value.buffer.byteLength) {
        buffers.add(value.buffer);
      }
    }
  }
  return [...buffers];
}

if (!parentPort) throw new Error('pglite-worker.ts runs as a worker thread of the server, not on its own');
const port = parentPort;
const { dataDir, startParams } = workerData as PgliteWorkerData;

// Search's trigram matching (docs/search.md): the same extension PostgreSQL ships.
const pglite = await PGlite.create(dataDir, { startParams, extensions: { pg_trgm }, serializers: { [BYTEA]: byteaSerializer }, parsers: { [BYTEA]: byteaParser } });

async function answer(request: PgliteRequest): Promise<void> {
  switch (request.kind) {
    case 'query': {
      const result = await pglite.query<Record<string, unknown>>(request.sql, [...request.parameters], { rowMode: 'object' });
      const value: PgliteQueryResult = { rows: result.rows, affectedRows: result.affectedRows, command: result.command };
      port.postMessage({ kind: 'result', id: request.id, value } satisfies PgliteReply, movableBuffers(result.rows));
      return;
    }
    case 'snapshot': {
      // dumpDataDir holds PGlite's query lock while it copies; the server's side asks only between
      // transactions (create-db.ts), and a transaction caught half-way would be rolled back when the copy
      // is opened, as after a crash.
      await pglite.exec('checkpoint');
      const blob = await pglite.dumpDataDir('gzip');
      const value: PgliteDump = { bytes: await blob.arrayBuffer(), type: blob.type };
      port.postMessage({ kind: 'result', id: request.id, value } satisfies PgliteReply, [value.bytes]);
      return;
    }
    case 'close': {
      await pglite.close();
      port.postMessage({ kind: 'result', id: request.id, value: null } satisfies PgliteReply);
      port.close();
      return;
    }
  }
}

let turn = Promise.resolve();
port.on('message', (request: PgliteRequest) => {
  turn = turn.then(() =>
    answer(request).catch((error: unknown) => {
      port.postMessage({ kind: 'error', id: request.id, error: serializeError(error) } satisfies PgliteReply);
    }),
  );
});
port.postMessage({ kind: 'ready' } satisfies PgliteReply);
