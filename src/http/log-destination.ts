// Where Kept's log lines go: stdout, written in batches. Every request logs a line (request-log.ts), and a
// write system call per line cost the API a tenth of its CPU per request. Lines wait in a buffer of up to
// 4 KiB and are written when it fills or at the latest `flushEveryMs` later; pino writes out what is left
// when the process exits, as after a fatal error. A process killed outright loses at most that buffer.
import pino, { type DestinationStream, type Logger } from 'pino';

const bufferBytes = 4096;
const flushEveryMs = 200;

/** A logger writing to stdout (or the descriptor `dest`) in batches; `stop()` writes what is buffered and ends the timer. */
export function createBufferedLogger(options: { level: string; base: Record<string, unknown>; dest?: number }): { logger: Logger; flush(): void; stop(): void } {
  const destination = pino.destination({ dest: options.dest ?? 1, sync: false, minLength: bufferBytes });
  const timer = setInterval(() => destination.flush(), flushEveryMs);
  // The timer alone never keeps the process alive.
  timer.unref();
  const logger = pino({ level: options.level, base: options.base }, destination as DestinationStream);
  return {
    logger,
    flush: () => destination.flushSync(),
    stop() {
      clearInterval(timer);
      destination.flushSync();
    },
  };
}
