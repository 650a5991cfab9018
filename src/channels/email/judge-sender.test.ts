// Who a message is from: never a robot or a malformed address for an acknowledgement, Reply-To when From
// is one of those.
import { describe, expect, it } from 'vitest';
import { judgeSender, isRobotAddress, isWellFormedAddress } from './judge-sender.js';
import { parseEmail } from './parse-email.js';

async function senderOf(headers: string) {
  const parsed = await parseEmail(Buffer.from(`${headers}\r\nSubject: hi\r\nMessage-ID: <j@example.com>\r\n\r\nhello\r\n`));
  if (!parsed.ok) throw new Error(parsed.detail);
  return judgeSender(parsed.email);
}

describe('judging the sender', () => {
  it('knows malformed addresses', () => {
    for (const bad of ['moderator', 'ana@example.com>', 'kim@example.org.', 'a b@example.com', 'ana@@example.com', 'ana@localhost', 'ana..b@example.com'])
      expect(isWellFormedAddress(bad), bad).toBe(false);
    for (const good of ['ana@example.com', "o'brien+orders@mail.shop.example", 'x@a-b.example']) expect(isWellFormedAddress(good), good).toBe(true);
  });

  it('knows robots by their local part', () => {
    for (const robot of [
      'noreply@x.example',
      'no-reply@x.example',
      'do-not-reply@x.example',
      'DoNotReply@x.example',
      'MAILER-DAEMON@x.example',
      'postmaster@x.example',
      'bounces+123@x.example',
      'no_reply.eu@x.example',
    ])
      expect(isRobotAddress(robot), robot).toBe(true);
    for (const person of ['norah@x.example', 'replyall@x.example', 'post@x.example']) expect(isRobotAddress(person), person).toBe(false);
  });

  it('takes a person from From, else from Reply-To, else a robot that is never acknowledged, else none', async () => {
    expect(await senderOf('From: Ana <ana@example.com>\r\nReply-To: other@example.com')).toMatchObject({ address: 'ana@example.com', source: 'from', acknowledgeable: true });
    expect(await senderOf('From: Shop <noreply@shop.example>\r\nReply-To: Ana <ana@example.com>')).toMatchObject({
      address: 'ana@example.com',
      name: 'Ana',
      source: 'reply_to',
      acknowledgeable: true,
    });
    expect(await senderOf('From: Shop <noreply@shop.example>')).toMatchObject({ address: 'noreply@shop.example', acknowledgeable: false });
    expect(await senderOf('From: <power quadrant system@example.com>\r\nReply-To: ops@example.com')).toMatchObject({ address: 'ops@example.com', source: 'reply_to' });
    expect(await senderOf('From: MAILER-DAEMON (Mail Delivery System)')).toEqual({ address: null, reason: 'From has no address: MAILER-DAEMON (Mail Delivery System)' });
  });
});
