import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import nodemailer from 'nodemailer';
import { createSmtpIntake } from './smtp-intake.js';
import type { SmtpIntake } from './smtp-intake.js';
import { createMemorySink } from './fixtures/in-memory-ports.js';

/** The test never skips itself: without openssl it fails, naming what to install. */
function requireOpenssl(): void {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
  } catch {
    throw new Error('openssl is missing: apt-get install openssl (it makes the test certificate)');
  }
}

describe('SMTP intake with STARTTLS', () => {
  let dir = '';
  let tls: { key: Buffer; cert: Buffer };
  let intake: SmtpIntake | null = null;

  beforeAll(() => {
    requireOpenssl();
    // A throwaway self-signed certificate, as an operator would configure a real one.
    dir = mkdtempSync(join(tmpdir(), 'kept-smtp-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-days', '1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], {
      stdio: 'ignore',
    });
    tls = { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  afterEach(async () => {
    await intake?.close();
    intake = null;
  });

  it('upgrades with STARTTLS and records that the session was encrypted', async () => {
    const sink = createMemorySink();
    intake = createSmtpIntake({ port: 0, host: '127.0.0.1', sink, tls });
    const { port } = await intake.listen();
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, requireTLS: true, tls: { rejectUnauthorized: false } });
    await transport.sendMail({ from: 'ana@example.com', to: 'support@shop.example', subject: 'over TLS', text: 'hi' });
    expect(sink.saved[0]?.envelope.tls).toBe(true);
  });

  it('refuses AUTH before STARTTLS when a certificate is configured, and accepts it after', async () => {
    const sink = createMemorySink();
    intake = createSmtpIntake({ port: 0, host: '127.0.0.1', sink, tls, auth: { users: [{ username: 'relay', password: 's3cret' }] } });
    const { port } = await intake.listen();
    const auth = { user: 'relay', pass: 's3cret' };
    const plain = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, auth });
    await expect(plain.sendMail({ from: 'a@example.com', to: 'support@shop.example', text: 'x' })).rejects.toThrow();
    const upgraded = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, requireTLS: true, tls: { rejectUnauthorized: false }, auth });
    await upgraded.sendMail({ from: 'a@example.com', to: 'support@shop.example', text: 'x' });
    expect(sink.saved).toHaveLength(1);
  });
});
