// Compiles MJML to HTML in a worker thread that exits once it has been idle for a while. mjml and its
// dependencies take about 48 MB resident once loaded, and a module cannot be unloaded; each template is
// compiled once and its HTML kept (render-template.ts), so mjml is needed for a few seconds after start and
// after a template changes, not for the life of the process. A worker's memory goes back when it exits.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export interface MjmlOutput {
  html: string;
  /** The validator's messages; MJML in strict mode fails on any. */
  errors: string[];
}

interface Reply {
  id: number;
  html?: string;
  errors: string[];
  /** Set when mjml failed for another reason than validation. */
  failure?: string;
}

// Plain JavaScript: no loader is needed whether Kept runs compiled, through tsx or under the test runner. It
// reaches Node's modules through process.getBuiltinModule, so it runs whether Node evaluates it as CommonJS or
// as a module (a worker inherits the process's flags, --input-type=module among them), and requires
// mjml (CommonJS) by its resolved path, not by name from the working directory.
const workerSource = `
const { parentPort, workerData } = process.getBuiltinModule('node:worker_threads');
const mjml2html = process.getBuiltinModule('node:module').createRequire(workerData.mjmlPath)(workerData.mjmlPath);
const messagesOf = (errors) => errors.map((error) => error.formattedMessage ?? String(error.message ?? error));
parentPort.on('message', async ({ id, source }) => {
  try {
    const result = await mjml2html(source, { validationLevel: 'strict' });
    parentPort.postMessage({ id, html: result.html, errors: messagesOf(result.errors) });
  } catch (error) {
    if (Array.isArray(error && error.errors)) parentPort.postMessage({ id, errors: messagesOf(error.errors) });
    else parentPort.postMessage({ id, errors: [], failure: String((error && error.message) || error) });
  }
});
`;

const mjmlPath = createRequire(import.meta.url).resolve('mjml');

export interface MjmlCompiler {
  compile(source: string): Promise<MjmlOutput>;
}

type Waiter = { resolve: (output: MjmlOutput) => void; reject: (error: Error) => void };

interface Running {
  worker: Worker;
  pending: Map<number, Waiter>;
}

/** A compiler whose worker starts on the first compile and exits after `idleMs` without one. */
export function createMjmlCompiler(options: { idleMs?: number } = {}): MjmlCompiler {
  const idleMs = options.idleMs ?? 30_000;
  let running: Running | undefined;
  let idleTimer: NodeJS.Timeout | undefined;
  let nextId = 0;

  const start = (): Running => {
    const worker = new Worker(workerSource, { eval: true, workerData: { mjmlPath } });
    const self: Running = { worker, pending: new Map() };
    const failAll = (error: Error) => {
      for (const waiter of self.pending.values()) waiter.reject(error);
      self.pending.clear();
    };
    worker.on('message', (reply: Reply) => {
      const waiter = self.pending.get(reply.id);
      if (!waiter) return;
      self.pending.delete(reply.id);
      if (reply.failure !== undefined) waiter.reject(new Error(reply.failure));
      else waiter.resolve({ html: reply.html ?? '', errors: reply.errors });
      if (self.pending.size > 0) return;
      // Idle, the worker does not keep the process (a command, a test run) alive; a compile refs it again.
      worker.unref();
      idleTimer = setTimeout(() => {
        // Forgotten first, so a compile from now on starts a new worker instead of writing to this one.
        if (running === self) running = undefined;
        void worker.terminate();
      }, idleMs).unref();
    });
    worker.on('error', failAll);
    worker.on('exit', (code) => {
      if (running === self) running = undefined;
      failAll(new Error(`the MJML worker exited with code ${code}`));
    });
    return self;
  };

  return {
    compile(source) {
      clearTimeout(idleTimer);
      running ??= start();
      const id = nextId++;
      const { pending, worker } = running;
      worker.ref();
      const result = new Promise<MjmlOutput>((resolve, reject) => pending.set(id, { resolve, reject }));
      worker.postMessage({ id, source });
      return result;
    },
  };
}
