// Email intake throughput: messages/s through real SMTP into an in-memory sink, against two baselines
// measured in the same run: the same bytes over a bare TCP request/ack protocol, and parsing alone.
// Writes bench/results/email-intake.json. Run: npm run bench:email-intake (MESSAGES and CONNECTIONS may be set)
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { createServer, connect } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import nodemailer from 'nodemailer';
import { createSmtpIntake } from '../src/channels/email/smtp-intake.js';
import { parseEmail } from '../src/channels/email/parse-email.js';
import { createMemorySink } from '../src/channels/email/fixtures/in-memory-ports.js';
import { describeMachine } from './lib/machine.js';
import { round } from './lib/measure.js';
import { writeBenchResult } from './lib/results.js';

const messages = Number(process.env.MESSAGES ?? 1000);
const connections = Number(process.env.CONNECTIONS ?? 4);
const fixtures = new URL('../src/channels/email/fixtures/', import.meta.url);
const samples = ['gmail-reply.eml', 'outlook-reply.eml', 'apple-mail-new.eml', 'thunderbird-reply.eml', 'gmail-attachment.eml'].map((name) => readFileSync(new URL(name, fixtures)));
const raws = Array.from({ length: messages }, (_, i) => samples[i % samples.length]!);
const totalBytes = raws.reduce((sum, raw) => sum + raw.length, 0);

async function timed(run: () => Promise<void>): Promise<number> {
  const start = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

async function smtpIntake(): Promise<number> {
  const sink = createMemorySink();
  const intake = createSmtpIntake({ port: 0, host: '127.0.0.1', sink });
  const { port } = await intake.listen();
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, pool: true, maxConnections: connections, maxMessages: Infinity });
  const seconds = await timed(async () => {
    await Promise.all(raws.map((raw) => transport.sendMail({ envelope: { from: 'ana@example.com', to: ['support@shop.example'] }, raw })));
  });
  transport.close();
  await intake.close();
  if (sink.saved.length !== messages) throw new Error(`lost messages: ${sink.saved.length}/${messages}`);
  return seconds;
}

// The floor: each message written over a kept-open TCP connection and acknowledged by one byte.
async function rawTcp(): Promise<number> {
  const received: Buffer[] = [];
  const server = createServer((socket) => {
    let buffer = Buffer.alloc(0);
    socket.on('data', (data: Buffer) => {
      buffer = Buffer.concat([buffer, data]);
      while (buffer.length >= 4 && buffer.length >= 4 + buffer.readUInt32BE(0)) {
        const length = buffer.readUInt32BE(0);
        received.push(buffer.subarray(4, 4 + length));
        buffer = buffer.subarray(4 + length);
        socket.write('1');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const sockets: Socket[] = await Promise.all(
    Array.from(
      { length: connections },
      () =>
        new Promise<Socket>((resolve) => {
          const s = connect(port, '127.0.0.1', () => resolve(s));
        }),
    ),
  );
  let next = 0;
  const seconds = await timed(async () => {
    await Promise.all(
      sockets.map(async (socket) => {
        while (next < raws.length) {
          const raw = raws[next++]!;
          const header = Buffer.alloc(4);
          header.writeUInt32BE(raw.length);
          const acked = new Promise((resolve) => socket.once('data', resolve));
          socket.write(Buffer.concat([header, raw]));
          await acked;
        }
      }),
    );
  });
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
  if (received.length !== messages) throw new Error(`raw tcp lost messages: ${received.length}/${messages}`);
  return seconds;
}

async function parseOnly(): Promise<number> {
  return timed(async () => {
    for (const raw of raws) {
      const result = await parseEmail(raw);
      if (!result.ok) throw new Error(result.detail);
    }
  });
}

// One warm-up pass of each so JIT and lazy module loading are not measured.
await smtpIntake();
await rawTcp();
await parseOnly();
const smtpSeconds = await smtpIntake();
const tcpSeconds = await rawTcp();
const parseSeconds = await parseOnly();

const rate = (seconds: number) => round(messages / seconds, 1);
const averageBytes = Math.round(totalBytes / messages);
const file = writeBenchResult({
  bench: 'email-intake',
  title: 'SMTP intake (protocol only)',
  ranAt: new Date().toISOString(),
  machine: describeMachine(),
  parameters: { messages, connections, averageBytes, loadAverage: round(loadavg()[0] ?? 0, 1) },
  figures: [
    {
      label: 'SMTP intake into an in-memory sink',
      value: rate(smtpSeconds),
      unit: 'msg/s',
      baseline: { label: 'the same bytes over kept-open TCP, acknowledged by one byte', value: rate(tcpSeconds), unit: 'msg/s' },
      ratio: round(tcpSeconds / smtpSeconds, 3),
      detail: `${messages} messages of ${averageBytes} bytes on ${connections} connections; parsing alone (mailparser, not part of the 250) runs at ${rate(parseSeconds)} msg/s`,
    },
  ],
  notes: ['The store and the worker are measured by email-intake-store.'],
});
console.log(`SMTP ${rate(smtpSeconds)} msg/s, raw TCP ${rate(tcpSeconds)} msg/s, parse only ${rate(parseSeconds)} msg/s`);
process.stderr.write(`wrote ${file.pathname.split('/').slice(-2).join('/')}\n`);
