import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../shared/app-error.js';
import { createManualClock } from '../../shared/clock.js';
import { prepareInbound } from './prepare-inbound.js';
import { receiveRawEmail } from './http-intake.js';
import { createMemorySink } from './fixtures/in-memory-ports.js';

const clock = createManualClock(new Date('2026-11-23T10:00:00Z'));
const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const options = {
  ourDomains: ['shop.example'],
  ourMessageIdDomain: 'mail.shop.example',
};
const read = (name: string) => readFileSync(join(fixtures, name));

describe('prepareInbound', () => {
  it('quarantines a message that cannot be parsed and carries on with the next', async () => {
    const results = await Promise.all([read('not-a-message.eml'), read('gmail-reply.eml')].map((raw) => prepareInbound(raw, options)));
    expect(results[0]).toMatchObject({ status: 'quarantine', reason: 'not_a_message' });
    expect(results[1]).toMatchObject({
      status: 'ready',
      keys: { caseToken: 'K-1234', messageIds: ['out_100@mail.shop.example'] },
      decision: { openCommitment: true },
    });
  });

  it('drops our own mail coming back', async () => {
    expect(await prepareInbound(read('own-outbound-echo.eml'), options)).toMatchObject({ status: 'own_outbound' });
  });
});

describe('receiveRawEmail (the HTTP door)', () => {
  it('stores a raw message with source http', async () => {
    const sink = createMemorySink();
    const { id } = await receiveRawEmail({ raw: read('apple-mail-new.eml'), sink, clock });
    expect(sink.saved).toMatchObject([{ id, envelope: { source: 'http' }, receivedAt: clock.now() }]);
  });

  it('refuses an oversized body and a body that is not mail, storing neither', async () => {
    const sink = createMemorySink();
    const tooLarge = await receiveRawEmail({ raw: read('gmail-new.eml'), sink, clock, maxBytes: 100 }).catch((e: unknown) => e);
    const notMail = await receiveRawEmail({ raw: Buffer.from('{"hello": "world"}'), sink, clock }).catch((e: unknown) => e);
    expect(isAppError(tooLarge) && tooLarge.code).toBe('payload_too_large');
    expect(isAppError(notMail) && notMail.code).toBe('validation_failed');
    expect(sink.saved).toHaveLength(0);
  });
});
