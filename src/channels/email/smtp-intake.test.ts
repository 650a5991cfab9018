import { afterEach, describe, expect, it } from 'vitest';
import nodemailer from 'nodemailer';
import { createSmtpIntake } from './smtp-intake.js';
import type { SmtpIntake, SmtpIntakeOptions } from './smtp-intake.js';
import { createMemorySink } from './fixtures/in-memory-ports.js';
import { parseEmail } from './parse-email.js';

let intake: SmtpIntake | null = null;

afterEach(async () => {
  await intake?.close();
  intake = null;
});

async function start(options: Partial<SmtpIntakeOptions> = {}) {
  const sink = createMemorySink();
  intake = createSmtpIntake({ port: 0, host: '127.0.0.1', sink, ...options });
  const { port } = await intake.listen();
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, pool: false });
  return { sink, port, transport };
}

function errorCode(error: unknown): number | undefined {
  return error && typeof error === 'object' && 'responseCode' in error ? Number(error.responseCode) : undefined;
}

describe('SMTP intake', () => {
  it('stores a message sent by nodemailer before answering 250, with its envelope', async () => {
    const { sink, transport } = await start();
    const info = await transport.sendMail({
      from: 'Ana Lima <ana@example.com>',
      to: 'support@shop.example',
      subject: 'Where is order A-1001?',
      text: 'It has not arrived.',
    });
    expect(info.response).toMatch(/^250 OK queued as raw_1/);
    expect(sink.saved).toHaveLength(1);
    expect(sink.saved[0]?.envelope).toMatchObject({ mailFrom: 'ana@example.com', rcptTo: ['support@shop.example'], source: 'smtp' });
    const parsed = await parseEmail(sink.saved[0]!.raw);
    expect(parsed.ok && parsed.email.subject).toBe('Where is order A-1001?');
  });

  it('answers 451 when storage fails, so the sending server retries, and keeps nothing', async () => {
    const { sink, transport } = await start();
    sink.failNext(1);
    const failed = await transport.sendMail({ from: 'ana@example.com', to: 'support@shop.example', text: 'x' }).catch((e: unknown) => e);
    expect(errorCode(failed)).toBe(451);
    expect(sink.saved).toHaveLength(0);
    await transport.sendMail({ from: 'ana@example.com', to: 'support@shop.example', text: 'retry' });
    expect(sink.saved).toHaveLength(1);
  });

  it('accepts a 5 MB attachment intact', async () => {
    const { sink, transport } = await start();
    const attachment = Buffer.alloc(5 * 1024 * 1024, 7);
    await transport.sendMail({
      from: 'ana@example.com',
      to: 'support@shop.example',
      subject: 'photos of the damage',
      text: 'see attached',
      attachments: [{ filename: 'damage.bin', content: attachment }],
    });
    const parsed = await parseEmail(sink.saved[0]!.raw);
    if (!parsed.ok) throw new Error(parsed.detail);
    expect(parsed.email.attachments[0]).toMatchObject({ filename: 'damage.bin', size: attachment.length });
  });

  it('refuses a message over the limit with 552 and stores nothing', async () => {
    const { sink, transport } = await start({ maxBytes: 64 * 1024 });
    const failed = await transport.sendMail({ from: 'ana@example.com', to: 'support@shop.example', text: 'x'.repeat(200 * 1024) }).catch((e: unknown) => e);
    expect(errorCode(failed)).toBe(552);
    expect(sink.saved).toHaveLength(0);
  });

  it('refuses at MAIL FROM when the client declares a SIZE over the limit', async () => {
    const { port, sink } = await start({ maxBytes: 1000 });
    const reply = await smtpDialogue(port, ['EHLO client.example', 'MAIL FROM:<ana@example.com> SIZE=5000']);
    expect(reply.at(0)).toMatch(/SIZE 1000/);
    expect(reply.at(-1)).toMatch(/^552/);
    expect(sink.saved).toHaveLength(0);
  });

  it('loses nothing across 100 concurrent sessions', async () => {
    const { sink, port } = await start();
    const sends = Array.from({ length: 100 }, (_, i) => {
      const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
      return transport.sendMail({ from: `c${i}@example.com`, to: 'support@shop.example', subject: `message ${i}`, text: `body ${i}` });
    });
    const results = await Promise.allSettled(sends);
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const subjects = new Set<string>();
    for (const saved of sink.saved) {
      const parsed = await parseEmail(saved.raw);
      if (parsed.ok) subjects.add(parsed.email.subject);
    }
    expect(subjects.size).toBe(100);
  });

  it('requires a login when AUTH is configured, and accepts the right one', async () => {
    const { sink, port } = await start({ auth: { users: [{ username: 'relay', password: 's3cret' }] } });
    const anonymous = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
    const refused = await anonymous.sendMail({ from: 'a@example.com', to: 'support@shop.example', text: 'x' }).catch((e: unknown) => e);
    expect(errorCode(refused)).toBe(530);
    const wrong = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, auth: { user: 'relay', pass: 'nope' } });
    expect(await wrong.sendMail({ from: 'a@example.com', to: 'support@shop.example', text: 'x' }).catch((e: unknown) => e)).toBeInstanceOf(Error);
    const right = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, auth: { user: 'relay', pass: 's3cret' } });
    await right.sendMail({ from: 'a@example.com', to: 'support@shop.example', text: 'x' });
    expect(sink.saved).toHaveLength(1);
  });
});

/** Speaks raw SMTP line by line and returns the server's last reply to each command. */
async function smtpDialogue(port: number, commands: string[]): Promise<string[]> {
  const net = await import('node:net');
  const socket = net.connect(port, '127.0.0.1');
  const replies: string[] = [];
  let buffer = '';
  const nextReply = () =>
    new Promise<string>((resolve) => {
      const onData = (data: Buffer) => {
        buffer += data.toString();
        const lines = buffer.split('\r\n');
        const last = lines.findIndex((line) => /^\d{3} /.test(line));
        if (last >= 0) {
          socket.off('data', onData);
          const reply = lines.slice(0, last + 1).join('\n');
          buffer = lines.slice(last + 1).join('\r\n');
          resolve(reply);
        }
      };
      socket.on('data', onData);
    });
  await nextReply();
  for (const command of commands) {
    socket.write(`${command}\r\n`);
    replies.push(await nextReply());
  }
  socket.end();
  return replies;
}
