// Parsing and sanitising mail runs in worker threads (piscina), never on the server's event loop: a 1 MB
// HTML mail costs seconds of CPU, which on the main thread would stop the API, the console and SMTP alike.
// Compiled (dist/) the pool loads parse-worker.js; under tsx or the test runner it loads parse-worker.ts
// through parse-worker-dev.mjs, which registers tsx's loader inside each worker.
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { defaultParseLimits, type ParseLimits } from './parse-email.js';
import type { ParseEmailResult } from './parsed-email.js';

export interface MailParserPool {
  /** Parses one message in a worker; a message that takes longer than the deadline is a typed failure. */
  parse(raw: Buffer): Promise<ParseEmailResult>;
  close(): Promise<void>;
}

export interface MailParserPoolOptions {
  limits?: Partial<ParseLimits>;
  /** Worker threads at most (default 2); they start on demand and exit when idle. */
  maxThreads?: number;
  /** A message still parsing after this long is given up (its worker is stopped) and quarantined. */
  timeoutMs?: number;
  idleTimeoutMs?: number;
}

/** The worker module: compiled, parse-worker.js; from the TypeScript sources, a loader that registers tsx first. */
function workerFilename(): string {
  const self = import.meta.url;
  return fileURLToPath(new URL(self.endsWith('.js') ? './parse-worker.js' : './parse-worker-dev.mjs', self));
}

export function createMailParserPool(options: MailParserPoolOptions = {}): MailParserPool {
  const limits: ParseLimits = { ...defaultParseLimits, ...options.limits };
  const timeoutMs = options.timeoutMs ?? 60_000;
  const pool = new Piscina({
    filename: workerFilename(),
    minThreads: 0,
    maxThreads: options.maxThreads ?? 2,
    idleTimeout: options.idleTimeoutMs ?? 30_000,
  });
  return {
    async parse(raw) {
      try {
        return (await pool.run({ raw: new Uint8Array(raw), limits }, { signal: AbortSignal.timeout(timeoutMs) })) as ParseEmailResult;
      } catch (error) {
        // A message that takes too long is the message's fault: quarantined. Anything else (a worker that
        // crashed, a pool being closed) is retried by the intake worker, as any unexpected failure is.
        const timedOut = error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
        if (timedOut) return { ok: false, reason: 'unparseable', detail: `parsing took longer than ${timeoutMs} ms` };
        throw error;
      }
    },
    close: () => pool.destroy(),
  };
}
