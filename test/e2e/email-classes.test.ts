// Every class of mail that went wrong, end to end on both stores: the fixture corpus's new messages posted
// to Kept (HTTP, and SMTP where the door matters), and what an agent then finds — cases, attachments, the
// automatic queue, acknowledgements, the quarantine and its reasons.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { storeKinds } from '../helpers/stores.js';
import { adminToken, createTestKept, type TestKept } from '../helpers/test-app.js';

const fixture = (name: string) => readFileSync(new URL(`../../src/channels/email/fixtures/${name}`, import.meta.url));
const capBytes = 4096;

function configWithAttachmentCap(): string {
  const file = parse(readFileSync(new URL('../../kept.config.yaml', import.meta.url), 'utf8'));
  file.channels.email.attachments = { max_bytes: capBytes };
  const path = join(mkdtempSync(join(tmpdir(), 'kept-email-classes-')), 'kept.config.yaml');
  writeFileSync(path, stringify(file));
  return path;
}

describe.each(storeKinds)('every class of mail on %s', (storeKind) => {
  let kept: TestKept;
  beforeAll(async () => {
    kept = await createTestKept({ store: storeKind, env: { KEPT_CONFIG: configWithAttachmentCap() } });
  }, 180_000);
  afterAll(async () => kept?.close());

  const post = (raw: Buffer | string) =>
    kept.app.inject({ method: 'POST', url: '/api/v1/inbound/email', headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'message/rfc822' }, payload: raw });

  async function casesOf(email: string) {
    const customer = (await kept.api('GET', `/api/v1/customers?email=${encodeURIComponent(email)}`)).body.items[0];
    if (!customer) return [];
    const list = await kept.api('GET', `/api/v1/cases?customer_id=${customer.id}`);
    return Promise.all(list.body.items.map(async (item: { id: string }) => (await kept.api('GET', `/api/v1/cases/${item.id}`)).body));
  }

  const outboxTo = async (address: string) =>
    ((await kept.api('GET', '/api/v1/outbox?limit=500')).body.items as { to: string; origin?: string; status: string; subject: string; body: string }[]).filter((o) => o.to === address);

  it('an emailed PDF is kept, listed on its message in the case and served to agents only, as a download', async () => {
    expect((await post(fixture('attachment-invoice-pdf.eml'))).statusCode).toBe(202);
    const [caseView] = await casesOf('jonas.weber@vendor-mail.example');
    const message = caseView.messages.find((m: { direction: string }) => m.direction === 'in');
    expect(caseView.attachments).toEqual([
      { id: expect.stringMatching(/^att_/), message_id: message.id, filename: 'Rechnung A-9101.pdf', content_type: 'application/pdf', size: 72, stored: true, created_at: expect.any(String) },
    ]);
    const url = `/api/v1/attachments/${caseView.attachments[0].id}`;
    const file = await kept.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${adminToken}` } });
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toBe('attachment; filename="Rechnung A-9101.pdf"');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect((await kept.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    expect((await kept.api('GET', '/api/v1/attachments/att_missing')).status).toBe(404);
  });

  it('nine files on one mail are nine attachments; an attachment-only mail says what it carries', async () => {
    await post(fixture('attachment-nine-files.eml'));
    const [nine] = await casesOf('priya.n@mailhost.example');
    expect(nine.attachments.map((a: { filename: string }) => a.filename)).toEqual([
      'photo-1.png',
      'photo-2.png',
      'photo-3.jpg',
      'receipt.pdf',
      'notes.txt',
      'list.csv',
      'label.pdf',
      'declaration.pdf',
      'scan.jpg',
    ]);
    await post(fixture('attachment-only-image.eml'));
    const [only] = await casesOf('tom.becker@phone.mailer.example');
    expect(only.messages[0].body).toBe('(no text; one attachment: IMG_2044.jpg)');
    expect(only.attachments).toHaveLength(1);
  });

  it('a file over the configured cap keeps its name and size, and its sender gets one message naming it: the acknowledgement, or a notice alone when none is due', async () => {
    const mail = (input: { messageId: string; subject: string; file: string }) => {
      const big = Buffer.alloc(capBytes * 2, 7)
        .toString('base64')
        .replace(/.{76}/g, '$&\r\n');
      return [
        'From: Ines <ines@big-files.example>',
        'To: support@kept.local',
        `Subject: ${input.subject}`,
        `Message-ID: <${input.messageId}@big-files.example>`,
        'Content-Type: multipart/mixed; boundary="b"',
        '',
        '--b',
        'Content-Type: text/plain',
        '',
        'Here is the video.',
        '--b',
        `Content-Type: video/mp4; name="${input.file}"`,
        `Content-Disposition: attachment; filename="${input.file}"`,
        'Content-Transfer-Encoding: base64',
        '',
        big,
        '--b--',
        '',
      ].join('\r\n');
    };
    // A file's name is the customer's words: an order number in it is no claim of Kept's, so nothing is held.
    await post(mail({ messageId: 'big-1', subject: 'Video of the damage', file: 'damage order A-4711.mp4' }));
    const [caseView] = await casesOf('ines@big-files.example');
    expect(caseView.attachments).toMatchObject([{ filename: 'damage order A-4711.mp4', size: capBytes * 2, stored: false }]);
    expect((await kept.api('GET', `/api/v1/attachments/${caseView.attachments[0].id}`)).status).toBe(409);
    const [ack, ...more] = await outboxTo('ines@big-files.example');
    expect(more).toEqual([]);
    expect(ack).toMatchObject({ origin: 'acknowledgement', subject: `We have your message [${caseView.token}]` });
    expect(ack!.body).toContain('We have your message');
    expect(ack!.status).not.toBe('held');
    expect(ack!.body).toContain('We could not keep this file: it is larger than the 0.0 MB we can keep per file.\n\n- damage order A-4711.mp4 (0.0 MB)');

    // Within the hour the case is not acknowledged again: the second file is named in a notice of its own, once.
    await post(mail({ messageId: 'big-2', subject: `Re: ${ack!.subject}`, file: 'second-angle.mp4' }));
    const sent = await outboxTo('ines@big-files.example');
    expect(sent.map((o) => o.origin).sort()).toEqual(['acknowledgement', 'attachment_too_large']);
    const notice = sent.find((o) => o.origin === 'attachment_too_large');
    expect(notice).toMatchObject({ origin: 'attachment_too_large', subject: `About the files you sent [${caseView.token}]` });
    expect(notice!.body).toContain('- second-angle.mp4 (0.0 MB)');
    expect(notice!.status).not.toBe('held');
    expect(notice!.body).not.toContain('damage');
    expect((await casesOf('ines@big-files.example')).map((c) => c.attachments.map((a: { filename: string }) => a.filename))).toEqual([['damage order A-4711.mp4', 'second-angle.mp4']]);
  });

  it('a message behind an mbox envelope line is a case over HTTP and over SMTP alike', async () => {
    expect((await post(fixture('mbox-envelope-line.eml'))).statusCode).toBe(202);
    expect((await casesOf('lea.moreau@courriel.example'))[0].messages[0].subject).toBe('Where is order A-9103?');
    const { smtpPort } = await kept.channels.start({ smtpPort: 0, smtpHost: '127.0.0.1' });
    const smtp = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true });
    const viaSmtp = fixture('mbox-envelope-line.eml')
      .toString('latin1')
      .replace(/lea\.moreau@courriel\.example/g, 'lea.m@courriel.example')
      .replace('<mbox-1@', '<mbox-2@');
    await smtp.sendMail({ envelope: { from: 'lea.m@courriel.example', to: ['support@kept.local'] }, raw: viaSmtp });
    smtp.close();
    expect((await casesOf('lea.m@courriel.example'))[0].messages[0].subject).toBe('Where is order A-9103?');
  });

  it('raw 8-bit, legacy and UTF-7 headers arrive decoded, and a NUL byte does not keep a message out', async () => {
    const expected: [string, string, string][] = [
      ['raw-8bit-gb2312.eml', 'wang.lei@mail.163.example', '转发：整体提升企业服务水平'],
      ['raw-8bit-shift-jis.eml', 'sato.yuki@mail.docomo.example', 'ツール'],
      ['encoded-word-8bit-byte.eml', 'uwe@teich.example', 'Frösche im Paket'],
      ['utf7-subject.eml', 'uwe.t@legacy.example', 'Frösche'],
      ['raw-8bit-latin1.eml', 'juergen.mueller@posteo.example', 'Grüße aus München, Bestellung A-9108'],
      ['nul-byte.eml', 'nadia@nulls.example', 'Broken charger'],
    ];
    for (const [name, from] of expected) expect((await post(fixture(name))).statusCode).toBe(202);
    const subjects = await Promise.all(expected.map(async ([, from]) => (await casesOf(from))[0]?.messages[0]?.subject));
    expect(subjects).toEqual(expected.map(([, , subject]) => subject));
    const juergen = (await kept.api('GET', '/api/v1/customers?email=juergen.mueller@posteo.example')).body.items[0];
    expect(juergen.name).toBe('Jürgen Müller');
  });

  it('automatic mail that answers nothing of ours waits in the automatic queue, unacknowledged and unassigned', async () => {
    await kept.api('POST', '/api/v1/agents', { name: 'Otto', email: `otto-${storeKind}@kept.test`, role: 'agent', password: 'a long password 123' });
    for (const name of ['notification-auto-generated.eml', 'newsletter-precedence-bulk.eml', 'sender-noreply-only.eml']) await post(fixture(name));
    const automatic = (await kept.api('GET', '/api/v1/cases?queue=automatic&limit=50')).body.items as { id: string; subject: string; owner_id: string | null }[];
    expect(automatic.map((c) => c.owner_id)).toEqual([null, null, null]);
    expect(automatic.map((c) => c.subject).sort()).toEqual(['Incident INC0012345 has been assigned to your group', 'Our December catalogue is here', 'Parcel 00340434 delivered']);
    const unassigned = (await kept.api('GET', '/api/v1/cases?queue=unassigned&limit=200')).body.items as { id: string }[];
    expect(unassigned.filter((c) => automatic.some((a) => a.id === c.id))).toEqual([]);
    for (const address of ['notifications@servicedesk.example', 'news@supplier.example', 'noreply@notify.carrier.example']) expect(await outboxTo(address)).toEqual([]);
  });

  it('answers Reply-To when From is a no-reply or malformed; a message with no usable sender is quarantined with its reason', async () => {
    await kept.api('POST', '/api/v1/clock', { advance_seconds: 60 });
    for (const name of ['sender-noreply-with-reply-to.eml', 'sender-malformed-with-reply-to.eml']) await post(fixture(name));
    await kept.api('POST', '/api/v1/clock', { advance_seconds: 60 });
    expect(await casesOf('maria.rossi@posta.example')).toHaveLength(1);
    expect(await casesOf('ben.ode@forum-mail.example')).toHaveLength(1);
    expect(await outboxTo('maria.rossi@posta.example')).toHaveLength(1);
    expect(await outboxTo('ben.ode@forum-mail.example')).toHaveLength(1);
    expect(await outboxTo('no-reply@forms.shopplatform.example')).toEqual([]);

    const spaces = (await post(fixture('sender-malformed-spaces.eml'))).json().id;
    const dot = (await post(fixture('sender-trailing-dot.eml'))).json().id;
    const quarantine = (await kept.api('GET', '/api/v1/inbound/quarantine')).body.items as { id: string; error: string }[];
    expect(quarantine.find((q) => q.id === spaces)?.error).toBe('no_sender: From is malformed: <power quadrant system@example.com>');
    expect(quarantine.find((q) => q.id === dot)?.error).toBe('no_sender: From is malformed: kim@example.org.');
    expect(await casesOf('system@example.com')).toEqual([]);
  });

  it('two different messages sharing a Message-ID are both kept; the same message twice is kept once', async () => {
    await post(fixture('same-message-id-first.eml'));
    await post(fixture('same-message-id-second.eml'));
    // The same message again, as a mailbox would hand it over (one header more, so other bytes).
    await post(Buffer.concat([Buffer.from('X-Delivered-To: support@kept.local\r\n'), fixture('same-message-id-first.eml')]));
    const cases = await casesOf('olga@cheap-mailer.example');
    const subjects = cases.flatMap((c: { messages: { subject: string; direction: string }[] }) => c.messages.filter((m) => m.direction === 'in').map((m) => m.subject)).sort();
    expect(subjects).toEqual(['Also: order A-9113 came twice', 'Order A-9112 is missing a part']);
  });
});
