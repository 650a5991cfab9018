// Email intake into the real store: messages/s accepted over SMTP into `inbound_mail` (stored before the
// 250), and messages/s the intake worker turns into messages on cases. On embedded PGlite (on disk) and,
// when BENCH_DATABASE_URL is set, on PostgreSQL. Writes bench/results/email-intake.json.
// Run: npm run bench:email-intake-store  (MESSAGES, CONNECTIONS may be set)
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import pino from 'pino';
import { buildApp } from '../src/app.js';
import { createSmtpIntake } from '../src/channels/email/smtp-intake.js';
import { createStoreSink } from '../src/channels/email/store-ports.js';
import { loadConfig } from '../src/config/config.js';
import { createStore, type Store } from '../src/db/create-db.js';

const messages = Number(process.env['MESSAGES'] ?? 500);
const connections = Number(process.env['CONNECTIONS'] ?? 4);
const fixtures = new URL('../src/channels/email/fixtures/', import.meta.url);
const samples = ['gmail-new.eml', 'outlook-new.eml', 'apple-mail-new.eml', 'thunderbird-new.eml'].map((name) => readFileSync(new URL(name, fixtures), 'latin1'));
// Each message gets its own sender and Message-ID, so none is a duplicate and each opens its own case.
const raws = Array.from({ length: messages }, (_, i) =>
  Buffer.from(
    samples[i % samples.length]!
      .replace(/^From:.*$/im, `From: Bench ${i} <bench${i}@example.com>`)
      .replace(/^Message-ID:.*$/im, `Message-ID: <bench-${i}-${Date.now()}@example.com>`),
    'latin1',
  ),
);

async function timed(run: () => Promise<void>): Promise<number> {
  const start = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

async function measure(store: Store, dialect: string) {
  const intake = createSmtpIntake({ port: 0, host: '127.0.0.1', sink: createStoreSink({ db: store.db }) });
  const { port } = await intake.listen();
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, pool: true, maxConnections: connections, maxMessages: Infinity });
  const smtpSeconds = await timed(async () => {
    await Promise.all(raws.map((raw) => transport.sendMail({ envelope: { from: 'bench@example.com', to: ['support@kept.local'] }, raw })));
  });
  transport.close();
  await intake.close();
  const stored = await store.db.selectFrom('inbound_mail').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  if (Number(stored.n) !== messages) throw new Error(`${dialect}: lost messages: ${String(stored.n)}/${messages}`);

  const config = loadConfig({ KEPT_LOG_LEVEL: 'silent', KEPT_ADMIN_TOKEN: 'kept_bench_admin_token_0123456789', KEPT_CLOCK: 'manual' });
  const kept = await buildApp({ config, store, logger: pino({ level: 'silent' }) });
  let processed = 0;
  const workerSeconds = await timed(async () => {
    processed = (await kept.channels.email.worker.processPending()).processed;
  });
  await kept.app.close();
  if (processed !== messages) throw new Error(`${dialect}: worker processed ${processed}/${messages}`);
  return {
    store: dialect,
    messages,
    connections,
    smtp_into_store: { seconds: round(smtpSeconds), messages_per_second: round(messages / smtpSeconds) },
    worker_to_cases: { seconds: round(workerSeconds), messages_per_second: round(messages / workerSeconds) },
  };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

const results = [];
const dir = mkdtempSync(join(tmpdir(), 'kept-bench-email-'));
try {
  const pglite = await createStore({ dataDir: join(dir, 'db') });
  results.push(await measure(pglite, 'pglite (on disk)'));
  await pglite.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const serverUrl = process.env['BENCH_DATABASE_URL'];
if (serverUrl) {
  const postgres = await createStore({ databaseUrl: serverUrl });
  await postgres.db.deleteFrom('inbound_mail').execute();
  results.push(await measure(postgres, 'postgresql'));
  await postgres.close();
}

const report = {
  benchmark: 'email-intake',
  ran_at: new Date().toISOString(),
  machine: { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memory_gb: round(totalmem() / 2 ** 30), load_average_1m: round(loadavg()[0] ?? 0), node: process.version },
  average_message_bytes: Math.round(raws.reduce((sum, raw) => sum + raw.length, 0) / messages),
  results,
};
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/email-intake.json', import.meta.url), `${JSON.stringify(report, null, 2)}\n`);
for (const result of results) {
  console.log(`${result.store.padEnd(18)} SMTP → store ${String(result.smtp_into_store.messages_per_second).padStart(7)} msg/s   worker → cases ${String(result.worker_to_cases.messages_per_second).padStart(7)} msg/s`);
}
