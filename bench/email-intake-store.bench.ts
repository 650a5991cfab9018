// Email intake into the real store, on PGlite (on disk) and on a fresh PostgreSQL database: messages/s
// accepted over SMTP into `inbound_mail` (stored before the 250) beside the same SMTP session into an
// in-memory sink, and messages/s the intake worker turns into messages on cases beside parsing alone —
// each baseline measured in the same run. Writes bench/results/email-intake-store.json.
// Run: npm run bench:email-intake-store [-- --messages 500 --connections 4 --stores pglite,postgres]
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import nodemailer from 'nodemailer';
import pino from 'pino';
import { buildApp } from '../src/app.js';
import { createSmtpIntake } from '../src/channels/email/smtp-intake.js';
import { createStoreSink } from '../src/channels/email/store-ports.js';
import { createMemorySink } from '../src/channels/email/fixtures/in-memory-ports.js';
import type { RawMailSink } from '../src/channels/email/mail-ports.js';
import { parseEmail } from '../src/channels/email/parse-email.js';
import { loadConfig } from '../src/config/config.js';
import { openBenchStore, serverVersion, type BenchStoreKind } from './lib/bench-store.js';
import { describeMachine } from './lib/machine.js';
import { round } from './lib/measure.js';
import { writeBenchResult, type BenchFigure } from './lib/results.js';

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '500' },
    connections: { type: 'string', default: '4' },
    stores: { type: 'string', default: 'pglite,postgres' },
  },
});
const messages = Number(values.messages);
const connections = Number(values.connections);
const stores = values.stores.split(',').map((kind) => kind.trim()) as BenchStoreKind[];

const fixtures = new URL('../src/channels/email/fixtures/', import.meta.url);
const samples = ['gmail-new.eml', 'outlook-new.eml', 'apple-mail-new.eml', 'thunderbird-new.eml'].map((name) => readFileSync(new URL(name, fixtures), 'latin1'));
// Each message gets its own sender and Message-ID, so none is a duplicate and each opens its own case.
const runId = Date.now().toString(36);
const raws = Array.from({ length: messages }, (_, i) =>
  Buffer.from(samples[i % samples.length]!.replace(/^From:.*$/im, `From: Bench ${i} <bench${i}@example.com>`).replace(/^Message-ID:.*$/im, `Message-ID: <bench-${i}-${runId}@example.com>`), 'latin1'),
);
const averageBytes = Math.round(raws.reduce((sum, raw) => sum + raw.length, 0) / messages);

async function timed(run: () => Promise<void>): Promise<number> {
  const start = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** Seconds to send every message over SMTP into `sink`. */
async function sendAll(sink: RawMailSink): Promise<number> {
  const intake = createSmtpIntake({ port: 0, host: '127.0.0.1', sink });
  const { port } = await intake.listen();
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, pool: true, maxConnections: connections, maxMessages: Infinity });
  try {
    return await timed(async () => {
      await Promise.all(raws.map((raw) => transport.sendMail({ envelope: { from: 'bench@example.com', to: ['support@kept.local'] }, raw })));
    });
  } finally {
    transport.close();
    await intake.close();
  }
}

async function parseAll(): Promise<number> {
  return timed(async () => {
    for (const raw of raws) {
      const parsed = await parseEmail(raw);
      if (!parsed.ok) throw new Error(parsed.detail);
    }
  });
}

async function measure(kind: BenchStoreKind): Promise<BenchFigure[]> {
  const bench = await openBenchStore({ kind });
  try {
    const { db } = bench.store;
    // Warm-up of both paths, so JIT and lazy module loading are not measured; its rows are removed.
    await sendAll(createMemorySink());
    await sendAll(createStoreSink({ db }));
    await db.deleteFrom('inbound_mail').execute();

    const memorySeconds = await sendAll(createMemorySink());
    const storeSeconds = await sendAll(createStoreSink({ db }));
    const stored = await db
      .selectFrom('inbound_mail')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(stored.n) !== messages) throw new Error(`${kind}: lost messages: ${String(stored.n)}/${messages}`);

    const config = loadConfig({ KEPT_LOG_LEVEL: 'silent', KEPT_ADMIN_TOKEN: 'kept_bench_admin_token_0123456789', KEPT_CLOCK: 'manual' });
    const kept = await buildApp({ config, store: bench.store, logger: pino({ level: 'silent' }) });
    const parseSeconds = await parseAll();
    let processed = 0;
    const workerSeconds = await timed(async () => {
      processed = (await kept.channels.email.worker.processPending()).processed;
    });
    await kept.close();
    if (processed !== messages) throw new Error(`${kind}: worker processed ${processed}/${messages}`);

    const storeName = kind === 'pglite' ? 'embedded store (PGlite, on disk)' : 'local PostgreSQL server';
    const rate = (seconds: number) => round(messages / seconds, 1);
    return [
      {
        label: `SMTP into the store, ${storeName}`,
        value: rate(storeSeconds),
        unit: 'msg/s',
        baseline: { label: 'the same SMTP sessions into an in-memory sink', value: rate(memorySeconds), unit: 'msg/s' },
        ratio: round(memorySeconds / storeSeconds, 3),
        detail: `${messages} messages of ${averageBytes} bytes on ${connections} connections; each written to inbound_mail before the 250`,
      },
      {
        label: `Intake worker to cases, ${storeName}`,
        value: rate(workerSeconds),
        unit: 'msg/s',
        baseline: { label: 'parsing the same messages alone (mailparser)', value: rate(parseSeconds), unit: 'msg/s' },
        ratio: round(parseSeconds / workerSeconds, 3),
        detail: 'parse, thread, open a case per message with its commitments, acknowledgement and signals, one transaction per message',
      },
    ];
  } finally {
    await bench.dispose();
  }
}

const figures: BenchFigure[] = [];
for (const kind of stores) {
  process.stderr.write(`email intake bench: ${messages} messages on ${kind}…\n`);
  figures.push(...(await measure(kind)));
}
const postgres = stores.includes('postgres') ? await serverVersion() : undefined;
const file = writeBenchResult({
  bench: 'email-intake-store',
  title: 'Email intake into the store',
  ranAt: new Date().toISOString(),
  machine: describeMachine(),
  ...(postgres ? { postgres } : {}),
  parameters: { messages, connections, stores, averageBytes, loadAverage: round(loadavg()[0] ?? 0, 1) },
  figures,
  notes: ['Both stores get the same messages; the PostgreSQL run uses a fresh database that is dropped afterwards.'],
});
console.table(figures.map((figure) => ({ measure: figure.label, value: `${figure.value} ${figure.unit}`, baseline: `${figure.baseline?.value} ${figure.baseline?.unit}`, ratio: figure.ratio })));
process.stderr.write(`wrote ${file.pathname.split('/').slice(-2).join('/')}\n`);
