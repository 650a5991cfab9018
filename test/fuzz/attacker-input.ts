// What the fuzz suite throws at Kept: events that are nearly right (every field of a real event, each possibly
// replaced by something hostile), JSON text that is barely JSON, raw mail with hostile headers and bytes,
// SMTP lines out of order, and form bodies full of control characters and lone surrogates.
import fc from 'fast-check';

/** Strings an attacker likes: control characters, NUL, lone surrogates, huge numbers as text, markup. */
const hostileString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '\u0000',
    '\ud800',
    '\udfff',
    'a\u0000b',
    '<script>alert(1)</script>',
    '../../etc/passwd',
    '%00',
    '1e308',
    '9'.repeat(41),
    '0000-01-01T00:00:00Z',
    '2026-12-01T10:00:00+23:59',
    '',
    ' ',
  ),
);

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, -0, 0.1, null, true, [], {}),
  fc.double(),
  fc.integer(),
  fc.jsonValue({ maxDepth: 3 }),
);

const goodEvent = {
  id: 'fuzz-event',
  type: 'order.placed',
  occurred_at: '2026-12-01T10:00:00Z',
  customer: { email: 'fuzzed@kept-fuzz.test', phone: '+15551234567', name: 'Fuzzed' },
  order: { id: 'FZ-1', total: { amount: '19.99', currency: 'EUR' }, payment: { method: 'card', last4: '4242' }, promised_by: '2026-12-05T10:00:00Z' },
  data: { reason: 'payment_verification_failed', channel: 'web_form', text: 'hello', score: 7, amount: { amount: '5.00', currency: 'EUR' } },
};

const eventTypes = fc.constantFrom(
  'order.placed',
  'order.cancelled',
  'order.delayed',
  'refund.issued',
  'tradein.credited',
  'contact.received',
  'survey.responded',
  'message.sent',
  'x.unknown',
  'not a type',
);

/** A real event whose fields are each kept, dropped or replaced by something hostile, a level deep. */
export const arbitraryEvent = fc
  .record({
    id: fc.oneof(fc.uuid(), hostileString),
    type: eventTypes,
    occurred_at: fc.oneof(fc.constant(goodEvent.occurred_at), hostileValue),
    customer: fc.oneof(fc.constant(goodEvent.customer), fc.dictionary(fc.constantFrom('email', 'phone', 'name', 'handle', 'external_id', 'time_zone'), hostileValue)),
    order: fc.oneof(
      fc.constant(goodEvent.order),
      fc.dictionary(fc.constantFrom('id', 'total', 'payment', 'ship_to', 'promised_by', 'items'), hostileValue),
      fc.record({ id: fc.constant('FZ-2'), total: fc.record({ amount: hostileValue, currency: hostileValue }) }),
    ),
    data: fc.oneof(fc.constant(goodEvent.data), fc.dictionary(fc.constantFrom('reason', 'channel', 'text', 'score', 'amount', 'new_eta', 'to', 'subject'), hostileValue)),
  })
  .map((event) => ({ ...event, id: `fz-${String(event.id)}` }));

/** JSON text: nested past any limit, truncated, duplicated keys, prototype pollution, or not JSON at all. */
export const arbitraryJsonText = fc.oneof(
  fc.integer({ min: 1, max: 20_000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
  fc.integer({ min: 1, max: 20_000 }).map((depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
  fc.jsonValue().map((value) => JSON.stringify(value).slice(0, -1)),
  fc.constantFrom('{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"x":1}}}', '{"id":"a","id":"b"}', 'null', '[]', '""', '1e999', '{', '\u0000'),
  fc.string({ unit: 'binary', maxLength: 200 }),
);

const mailHeader = fc.tuple(fc.constantFrom('From', 'To', 'Subject', 'Message-ID', 'In-Reply-To', 'References', 'Content-Type', 'Content-Transfer-Encoding', 'Date', 'X-Whatever'), hostileString);

/** A raw message: headers and body each hostile, possibly with 8-bit bytes, NUL and broken MIME. */
export const arbitraryMail = fc
  .tuple(
    fc.array(mailHeader, { maxLength: 8 }),
    fc.oneof(
      hostileString,
      fc.uint8Array({ maxLength: 400 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
    ),
    fc.boolean(),
  )
  .map(([headers, body, multipart]) => {
    const head = headers.map(([name, value]) => `${name}: ${value.replace(/\r?\n/g, ' ')}`).join('\r\n');
    const mime = multipart ? 'Content-Type: multipart/mixed; boundary="b"\r\n' : '';
    return Buffer.from(`${mime}${head}\r\n\r\n${multipart ? `--b\r\n${body}\r\n--b--` : body}\r\n`, 'latin1');
  });

/** One SMTP line: a known verb with a hostile argument, or noise. */
export const arbitrarySmtpLine = fc.oneof(
  fc
    .tuple(fc.constantFrom('EHLO', 'HELO', 'MAIL FROM:', 'RCPT TO:', 'DATA', 'RSET', 'NOOP', 'VRFY', 'AUTH PLAIN', 'STARTTLS', 'BDAT 10'), hostileString)
    .map(([verb, argument]) => `${verb} ${argument.replace(/\r?\n/g, ' ')}\r\n`),
  fc.constantFrom('EHLO fuzz\r\nMAIL FROM:<a@kept-fuzz.test>\r\nRCPT TO:<support@shop.example>\r\nDATA\r\nSubject: \u0000\r\n\r\nbody\r\n.\r\n'),
  fc.string({ unit: 'binary', maxLength: 120 }).map((text) => `${text}\r\n`),
);

/** An urlencoded body with the fields customer forms read, each hostile. */
export const arbitraryFormBody = fc
  .dictionary(fc.constantFrom('name', 'email', 'message', 'subject', 'order', 'website', 'score', 'comment', 'contact_requested', 'declaration', 'signature'), hostileString)
  .map((fields) => new URLSearchParams(fields).toString());
