// Text analysis off the main thread. Reading a message with the language model costs milliseconds to a few
// hundred (a bounded message of punctuation and symbols); on the thread that serves HTTP and SMTP, that time
// is time no one is answered. The pool's workers start on the first message and exit when idle, so a Kept
// that reads no customer message holds no model.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import type { Logger } from 'pino';
import { boundForAnalysis } from '../../shared/analysis-bounds.js';
import { readMessageSignals, type MessageSignals } from './message-signals.js';

export interface MessageReading {
  readonly signals: MessageSignals;
  /** True when the message was longer than analysis reads (see shared/analysis-bounds.ts). */
  readonly truncated: boolean;
}

export interface AnalysisPool {
  readMessage(text: string): Promise<MessageReading>;
  close(): Promise<void>;
}

/**
 * The worker module beside this one: `.js` in the compiled dist/, `.ts` under tsx and the test runner, where
 * the worker needs tsx's loader to read TypeScript.
 */
function workerModule(): { filename: string; execArgv: string[] } {
  const fromSource = import.meta.url.endsWith('.ts');
  const filename = new URL(fromSource ? './analysis-worker.ts' : './analysis-worker.js', import.meta.url).href;
  if (!fromSource) return { filename, execArgv: [] };
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return { filename, execArgv: ['--import', tsx] };
}

/** A pool of `maxThreads` workers (one by default: the other core serves HTTP); idle workers exit after `idleMs`. */
export function createAnalysisPool(options: { logger: Logger; maxThreads?: number; idleMs?: number }): AnalysisPool {
  const { filename, execArgv } = workerModule();
  const pool = new Piscina<string, MessageSignals>({
    filename,
    execArgv,
    minThreads: 0,
    maxThreads: options.maxThreads ?? 1,
    idleTimeout: options.idleMs ?? 30_000,
  });
  return {
    async readMessage(text) {
      const bounded = boundForAnalysis(text);
      try {
        return { signals: await pool.run(bounded.text), truncated: bounded.truncated };
      } catch (error) {
        // A worker that failed to start or died must not lose the message's signals: the bounded text is
        // read here instead, at the cost of the main thread's time.
        options.logger.warn({ err: error }, 'the analysis worker failed; reading the message on the main thread');
        return { signals: readMessageSignals(bounded.text), truncated: bounded.truncated };
      }
    },
    async close() {
      await pool.destroy();
    },
  };
}
