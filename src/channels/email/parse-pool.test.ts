// The parse pool reads mail in worker threads: the same result as parsing in place, and a message that
// takes too long is a typed failure instead of a stuck worker.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { parseEmail } from './parse-email.js';
import { createMailParserPool } from './parse-pool.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

describe('the mail parser pool', () => {
  const pool = createMailParserPool({ maxThreads: 1 });
  afterAll(() => pool.close());

  it('gives what parsing in place gives, attachment bytes and dates included', async () => {
    const raw = fixture('gmail-attachment.eml');
    const inPool = await pool.parse(raw);
    expect(inPool).toEqual(await parseEmail(raw));
    if (!inPool.ok) throw new Error(inPool.detail);
    expect(inPool.email.date).toBeInstanceOf(Date);
    expect(Buffer.from(inPool.email.attachments[0]!.content!).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('turns a message that takes longer than its deadline into a typed failure', async () => {
    const slow = createMailParserPool({ maxThreads: 1, timeoutMs: 1 });
    const html = `<p>${'<b>slow</b> '.repeat(200_000)}</p>`;
    const result = await slow.parse(Buffer.from(`From: a@example.com\r\nSubject: big\r\nContent-Type: text/html\r\n\r\n${html}\r\n`));
    await slow.close();
    expect(result).toMatchObject({ ok: false, reason: 'unparseable', detail: 'parsing took longer than 1 ms' });
  });
});
