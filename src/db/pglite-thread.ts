// The server's side of the embedded store's worker thread (pglite-worker.ts): starts it, sends it statements
// and gives back their rows, so that no PGlite work runs on the event loop that answers HTTP, SMTP and the
// console. A thread that stops (a crash, an exit) fails what was waiting and everything after it with one
// clear error: nothing waits for an answer that cannot come.
import { Worker } from 'node:worker_threads';
import { reviveError, type PgliteDump, type PgliteQueryResult, type PgliteReply, type PgliteRequest, type PgliteRequestBody, type PgliteWorkerData } from './pglite-protocol.js';

export interface PgliteThread {
  query(sql: string, parameters: readonly unknown[]): Promise<PgliteQueryResult>;
  /** The data directory as a gzipped tarball (PGlite's dumpDataDir, after a checkpoint). */
  snapshot(): Promise<Blob>;
  /** Closes PGlite, then ends the thread; later requests fail. */
  close(): Promise<void>;
  /** Ends the thread at once, as a crash would. */
  terminate(): Promise<void>;
}

/** The worker module: compiled, pglite-worker.js; from the TypeScript sources, a loader that registers tsx first. */
function workerFile(): URL {
  const self = import.meta.url;
  return new URL(self.endsWith('.js') ? './pglite-worker.js' : './pglite-worker-dev.mjs', self);
}

/**
 * A parameter as the worker should receive it. Structured clone would copy the whole buffer under a Buffer
 * (often a shared pool, or a larger message it is a slice of): the bytes alone are copied once and moved. An
 * object PGlite would write as JSON is written here, where its class and its `toJSON` still exist.
 */
function prepareParameter(value: unknown, transfer: ArrayBuffer[]): unknown {
  if (value instanceof Uint8Array) {
    const bytes = new Uint8Array(value);
    transfer.push(bytes.buffer);
    return bytes;
  }
  if (typeof value !== 'object' || value === null || value instanceof Date || Array.isArray(value) || ArrayBuffer.isView(value)) return value;
  return JSON.stringify(value, (_key, inner: unknown) => (typeof inner === 'bigint' ? inner.toString() : inner));
}

/** Adds the caller's frames to an error revived from the worker, as Kysely's drivers do with theirs. */
function withCallerStack(error: unknown, caller: Error): unknown {
  if (error instanceof Error && caller.stack) error.stack = `${error.stack ?? ''}\n${caller.stack.split('\n').slice(1).join('\n')}`;
  return error;
}

export async function startPgliteThread(data: PgliteWorkerData): Promise<PgliteThread> {
  // The thread inherits Node's flags (--cpu-prof profiles it too), but one started with --input-type (a script
  // given on the command line) refuses to start. It then gets none: it needs none, and a list given explicitly
  // may not hold process-wide flags such as --expose-gc.
  const scriptFlags = process.execArgv.some((flag) => flag.startsWith('--input-type'));
  const worker = new Worker(workerFile(), { workerData: data, ...(scriptFlags ? { execArgv: [] } : {}) });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let lastError: Error | undefined;
  let stopped: Error | undefined;
  let closing = false;
  let closed: Promise<void> | undefined;
  let signalReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    signalReady = resolve;
  });

  // The thread keeps the process alive only while a request waits for it, as PGlite on this thread did.
  const settle = (id: number) => {
    const entry = pending.get(id);
    pending.delete(id);
    if (pending.size === 0) worker.unref();
    return entry;
  };

  worker.on('message', (reply: PgliteReply) => {
    if (reply.kind === 'ready') {
      worker.unref();
      signalReady();
    } else if (reply.kind === 'result') {
      settle(reply.id)?.resolve(reply.value);
    } else {
      settle(reply.id)?.reject(reviveError(reply.error));
    }
  });
  worker.on('error', (error: unknown) => {
    lastError = error instanceof Error ? error : new Error(String(error));
  });
  const exited = new Promise<void>((resolve) => {
    worker.on('exit', (code) => {
      stopped = closing
        ? new Error('the embedded store is closed')
        : new Error(`the embedded store's thread stopped (exit code ${code})${lastError ? `: ${lastError.message}` : ''}; Kept must be restarted`, { cause: lastError });
      for (const [id, entry] of pending) {
        pending.delete(id);
        entry.reject(stoppedError());
      }
      signalReady();
      resolve();
    });
  });

  // A new error each time: every caller's frames are added to the one it gets.
  const stoppedError = () => new Error(stopped?.message, { cause: stopped?.cause });

  function send(request: PgliteRequestBody): Promise<unknown> {
    if (stopped) return Promise.reject(stoppedError());
    const id = nextId++;
    const transfer: ArrayBuffer[] = [];
    const message: PgliteRequest = request.kind === 'query' ? { ...request, id, parameters: request.parameters.map((value) => prepareParameter(value, transfer)) } : { ...request, id };
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.ref();
      try {
        worker.postMessage(message, transfer);
      } catch (error) {
        // A value structured clone cannot copy (a function, a symbol): this statement fails, the thread goes on.
        settle(id);
        reject(error);
      }
    });
  }

  worker.ref();
  await ready;
  if (stopped) throw new Error(`the embedded store could not start: ${lastError?.message ?? (stopped as Error).message}`, { cause: lastError });

  return {
    async query(sql, parameters) {
      try {
        return (await send({ kind: 'query', sql, parameters })) as PgliteQueryResult;
      } catch (error) {
        throw withCallerStack(error, new Error());
      }
    },
    async snapshot() {
      const dump = (await send({ kind: 'snapshot' })) as PgliteDump;
      return new Blob([dump.bytes], { type: dump.type });
    },
    close() {
      closed ??= (async () => {
        if (stopped) return;
        closing = true;
        try {
          await send({ kind: 'close' });
        } finally {
          await worker.terminate();
          await exited;
        }
      })();
      return closed;
    },
    async terminate() {
      await worker.terminate();
      await exited;
    },
  };
}
