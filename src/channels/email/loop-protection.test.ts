import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
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

describe('loop protection', () => {
  it("records a customer's mail as theirs and opens a commitment", async () => {
    const decision = decideInbound(await fixture('gmail-new.eml'), { ourMessageIdDomain });
    expect(decision).toMatchObject({ store: true, openCommitment: true, markFailedMessageId: null });
  });

  it.each(['outlook-automatic-reply.eml', 'auto-reply-precedence-bulk.eml', 'auto-reply-x-autoreply.eml', 'mailing-list.eml'])(
    'stores %s as automatic: no acknowledgement, no commitment',
    async (name) => {
      const decision = decideInbound(await fixture(name), { ourMessageIdDomain });
      expect(decision).toMatchObject({ store: true, openCommitment: false, classification: { kind: 'auto_reply' } });
    },
  );

  it('marks our own message failed when it bounces, and acknowledges nothing', async () => {
    const decision = decideInbound(await fixture('dsn-bounce-postfix.eml'), { ourMessageIdDomain });
    expect(decision).toMatchObject({ store: true, openCommitment: false, markFailedMessageId: 'out_777@mail.shop.example' });
  });

  it('never ingests our own outbound mail coming back', async () => {
    expect(decideInbound(await fixture('own-outbound-echo.eml'), { ourMessageIdDomain })).toEqual({ store: false, reason: 'own_outbound' });
  });

  it('an acknowledgement we send is recognised as ours and as automatic if it comes back', async () => {
    const transport = createCaptureTransport();
    await transport.send(
      buildOutboundEmail({
        caseToken: 'K-9',
        subject: 'We received your message',
        text: 'Thanks',
        from: 'support@shop.example',
        to: 'ana@example.com',
        messageIdDomain: ourMessageIdDomain,
        automatic: true,
      }),
    );
    const echoed = await parseRaw(transport.captured[0]!.raw);
    expect(echoed.headers['auto-submitted']).toBe('auto-replied');
    expect(decideInbound(echoed, { ourMessageIdDomain })).toEqual({ store: false, reason: 'own_outbound' });
  });

  it('treats Auto-Submitted: auto-generated; with parameters as automatic, and "no" as human', async () => {
    const base = 'From: a@example.com\r\nTo: support@shop.example\r\nSubject: hi\r\nMessage-ID: <x@example.com>\r\n';
    const auto = await parseRaw(`${base}Auto-Submitted: auto-generated; owner-email="a@example.com"\r\n\r\nhi\r\n`);
    const human = await parseRaw(`${base}Auto-Submitted: No\r\n\r\nhi\r\n`);
    const junk = await parseRaw(`${base}Precedence: junk\r\n\r\nhi\r\n`);
    expect(decideInbound(auto, { ourMessageIdDomain })).toMatchObject({ classification: { kind: 'auto_reply' } });
    expect(decideInbound(human, { ourMessageIdDomain })).toMatchObject({ classification: { kind: 'human' } });
    expect(decideInbound(junk, { ourMessageIdDomain })).toMatchObject({ classification: { kind: 'auto_reply', reason: 'Precedence: junk' } });
  });
});
