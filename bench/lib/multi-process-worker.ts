// One `kept` process of the multi-process ingest bench (bench/multi-process.bench.ts), forked with IPC.
// It builds Kept on the shared PostgreSQL database, generates the whole seeded stream and ingests its share:
// the events of the customers given to it (customer number modulo the process count), in stream order, so
// each customer's events stay together and in order as a load balancer keyed by customer would keep them.
// On `timers` it moves its own manual clock to the given instant while the other processes move theirs,
// so every due timer is claimed by several processes at once and must still fire once.
import { parseArgs } from 'node:util';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { createStore } from '../../src/db/create-db.js';
import { parseEventsBody } from '../../src/features/events/parse-events.js';
import { createEventGenerator } from './event-generator.js';
import { multiProcessStart, type ParentMessage, type WorkerMessage } from './multi-process-protocol.js';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    index: { type: 'string' },
    processes: { type: 'string' },
    events: { type: 'string' },
    batch: { type: 'string' },
    seed: { type: 'string' },
  },
});
const [index, processes, events, batch, seed] = [values.index, values.processes, values.events, values.batch, values.seed].map(Number) as [number, number, number, number, number];
if (!values.url) throw new Error('--url is required');

const store = await createStore({ databaseUrl: values.url, poolSize: 4 });
const config = loadConfig({ KEPT_CLOCK: 'manual', KEPT_LOG_LEVEL: 'silent', DATABASE_URL: values.url });
const kept = await buildApp({ config, store, clockStart: multiProcessStart });
const send = (message: WorkerMessage) => process.send?.(message);

async function ingestShare(): Promise<void> {
  const generator = createEventGenerator({ seed, start: multiProcessStart });
  let mine = 0;
  let millis = 0;
  let cpuMicros = 0;
  for (let done = 0; done < events; done += batch) {
    const owned = generator.nextOwnedBatch(Math.min(batch, events - done));
    // Generating and parsing stay outside the timed span, as in the single-process bench.
    const share = parseEventsBody({ events: owned.filter((entry) => entry.customer % processes === index).map((entry) => entry.event) });
    if (share.length === 0) continue;
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const result = await kept.services.ingest.ingestEvents(share);
    const cpu = process.cpuUsage(cpuBefore);
    millis += performance.now() - started;
    cpuMicros += cpu.user + cpu.system;
    if (result.accepted !== share.length) throw new Error(`process ${index}: Kept accepted ${result.accepted} of ${share.length} events`);
    mine += share.length;
  }
  send({ type: 'ingested', events: mine, millis, cpuMicros });
}

process.on('message', (message: ParentMessage) => {
  const run = async () => {
    if (message.type === 'ingest') await ingestShare();
    else if (message.type === 'timers') {
      const started = performance.now();
      await kept.services.clock.advance({ to: new Date(message.to) });
      send({ type: 'timers-done', millis: performance.now() - started });
    } else {
      await kept.close();
      await store.close();
      process.exit(0);
    }
  };
  run().catch((error: unknown) => {
    process.stderr.write(`process ${index}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
});
send({ type: 'ready' });
