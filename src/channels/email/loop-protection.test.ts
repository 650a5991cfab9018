import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../shared/clock.js';
import { createAckRateLimiter } from './ack-rate-limiter.js';
import { decideInbound } from './inbound-decision.js';
import { parseEmail } from './parse-email.js';
import type { ParsedEmail } from './parsed-email.js';
import { buildOutboundEmail } from './outbound-email.js';
import { createCaptureTransport } from './mail-transport.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const ourMessageIdDomain = 'mail.shop.example';

async function parseRaw(raw: Buffer | string): Promise<ParsedEmail> {
  const result = await parseEmail(Buffer.isBuffer(raw) ? raw : Buffer.from(raw));
  if (!result.ok) throw new Error(result.detail);
  return result.email;
}

const fixture = (name: string) => parseRaw(readFileSync(join(fixtures, name)));

function limiter(perAddress = 3) {
  const clock = createManualClock(new Date('2026-11-23T10:00:00Z'));
  return { clock, ackLimiter: createAckRateLimiter({ perAddress, windowMs: 60 * 60_000, clock }) };
}

describe('loop protection', () => {
  it('acknowledges a customer and opens a commitment', async () => {
    const decision = decideInbound(await fixture('gmail-new.eml'), { ourMessageIdDomain, ...limiter() });
    expect(decision).toMatchObject({ store: true, acknowledge: true, openCommitment: true, markFailedMessageId: null });
  });

  it.each(['outlook-automatic-reply.eml', 'auto-reply-precedence-bulk.eml', 'auto-reply-x-autoreply.eml', 'mailing-list.eml'])(
    'stores %s without acknowledgement or commitment',
    async (name) => {
      const decision = decideInbound(await fixture(name), { ourMessageIdDomain, ...limiter() });
      expect(decision).toMatchObject({ store: true, acknowledge: false, openCommitment: false, classification: { kind: 'auto_reply' } });
    },
  );

  it('marks our own message failed when it bounces, and acknowledges nothing', async () => {
    const decision = decideInbound(await fixture('dsn-bounce-postfix.eml'), { ourMessageIdDomain, ...limiter() });
    expect(decision).toMatchObject({ store: true, acknowledge: false, openCommitment: false, markFailedMessageId: 'out_777@mail.shop.example' });
  });

  it('never ingests our own outbound mail coming back', async () => {
    expect(decideInbound(await fixture('own-outbound-echo.eml'), { ourMessageIdDomain, ...limiter() })).toEqual({ store: false, reason: 'own_outbound' });
  });

  it('an acknowledgement we send is recognised as ours and as automatic if it comes back', async () => {
    const transport = createCaptureTransport();
    await transport.send(
      buildOutboundEmail({ caseToken: 'K-9', subject: 'We received your message', text: 'Thanks', from: 'support@shop.example', to: 'ana@example.com', messageIdDomain: ourMessageIdDomain, automatic: true }),
    );
    const echoed = await parseRaw(transport.captured[0]!.raw);
    expect(echoed.headers['auto-submitted']).toBe('auto-replied');
    expect(decideInbound(echoed, { ourMessageIdDomain, ...limiter() })).toEqual({ store: false, reason: 'own_outbound' });
  });

  it('caps acknowledgements per address when a robot that looks human keeps writing', async () => {
    const { clock, ackLimiter } = limiter(2);
    const robot = await fixture('auto-submitted-no.eml');
    const acks = [1, 2, 3, 4].map(() => decideInbound(robot, { ourMessageIdDomain, ackLimiter }));
    expect(acks.map((d) => d.store && d.acknowledge)).toEqual([true, true, false, false]);
    // Every message still opens its commitment: the rate limit only silences the acknowledgement.
    expect(acks.every((d) => d.store && d.openCommitment)).toBe(true);
    clock.set(new Date('2026-11-23T11:00:01Z'));
    expect(ackLimiter.tryAcquire('ANA.LIMA@gmail.com')).toBe(true);
  });

  it('counts the limit per address, case-insensitively', () => {
    const { ackLimiter } = limiter(1);
    expect(ackLimiter.tryAcquire('Ana@Example.com')).toBe(true);
    expect(ackLimiter.tryAcquire('ana@example.com')).toBe(false);
    expect(ackLimiter.tryAcquire('bruno@example.com')).toBe(true);
  });

  it('treats Auto-Submitted: auto-generated; with parameters as automatic, and "no" as human', async () => {
    const base = 'From: a@example.com\r\nTo: support@shop.example\r\nSubject: hi\r\nMessage-ID: <x@example.com>\r\n';
    const auto = await parseRaw(`${base}Auto-Submitted: auto-generated; owner-email="a@example.com"\r\n\r\nhi\r\n`);
    const human = await parseRaw(`${base}Auto-Submitted: No\r\n\r\nhi\r\n`);
    const junk = await parseRaw(`${base}Precedence: junk\r\n\r\nhi\r\n`);
    const { ackLimiter } = limiter();
    expect(decideInbound(auto, { ourMessageIdDomain, ackLimiter })).toMatchObject({ classification: { kind: 'auto_reply' } });
    expect(decideInbound(human, { ourMessageIdDomain, ackLimiter })).toMatchObject({ classification: { kind: 'human' } });
    expect(decideInbound(junk, { ourMessageIdDomain, ackLimiter })).toMatchObject({ classification: { kind: 'auto_reply', reason: 'Precedence: junk' } });
  });
});
