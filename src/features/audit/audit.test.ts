import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { generateHistory } from '../history/generate-history.js';
import { crackKinds } from '../history/history-event.js';
import type { HistoryEvent } from '../history/history-event.js';
import { runAudit } from './run-audit.js';

const jsonl = (events: Iterable<unknown>): Readable => Readable.from([...events].map((e) => `${JSON.stringify(e)}\n`));

describe('kept audit on generated histories', () => {
  for (const seed of [11, 12]) {
    it(`finds every planted crack by its event, and nothing else (seed ${seed})`, async () => {
      const history = generateHistory({ seed, days: 12, journeysPerDay: 80, cracks: { rate: 0.12 } });
      const summary = await runAudit({ input: Readable.from(lines(history)) });
      // A crack planted near the end whose window outlives the history is still open, not yet broken.
      const planted = history.planted.filter((p) => p.breaksAt < (summary.to ?? ''));
      const open = history.planted.filter((p) => !planted.includes(p));
      expect(new Set(planted.map((p) => p.kind)).size).toBe(crackKinds.length);
      for (const kind of crackKinds) expect(summary.stillOpen[kind], kind).toBe(open.filter((p) => p.kind === kind).length);
      for (const kind of crackKinds) {
        const want = planted.filter((p) => p.kind === kind);
        const tally = summary.cracks[kind];
        expect(tally.events.ids.sort(), kind).toEqual(want.map((p) => p.eventId).sort());
        expect(tally.customers.ids.sort(), kind).toEqual([...new Set(want.map((p) => p.customerId))].sort());
        expect(tally.example?.events.length, kind).toBeGreaterThan(0);
      }
      expect(summary.totalCracks).toBe(planted.length);
    });
  }

  it('finds no crack in a clean history', async () => {
    const summary = await runAudit({ input: Readable.from(lines(generateHistory({ seed: 21, days: 20, journeysPerDay: 120 }))) });
    expect(summary.events).toBeGreaterThan(10_000);
    expect(summary.totalCracks).toBe(0);
    expect(summary.broken.count).toBe(0);
  });

  it('forgets idle customers, so a long history does not hold every customer', async () => {
    const summary = await runAudit({
      input: Readable.from(lines(generateHistory({ seed: 2, days: 120, journeysPerDay: 20 }))),
      options: { idleEvictDays: 10 },
    });
    const placed = summary.eventsByType['order.placed'] ?? 0;
    expect(summary.totalCracks).toBe(0);
    expect(summary.peakCustomersHeld).toBeLessThan(placed / 3);
  });
});

function* lines(events: Iterable<HistoryEvent>): Generator<string> {
  for (const e of events) yield `${JSON.stringify(e)}\n`;
}

const at = (minutes: number) => new Date(Date.parse('2026-12-01T10:00:00Z') + minutes * 60_000).toISOString();
const ana = { external_id: 'c-1', email: 'ana@example.com' };
const tell = (id: string, minutes: number, text: string, extra: Record<string, unknown> = {}): HistoryEvent => ({
  id,
  type: 'message.sent',
  occurred_at: at(minutes),
  customer: ana,
  data: { channel: 'email', to: 'ana@example.com', text, author: 'system', ...extra },
});

describe('kept audit on a written history', () => {
  const story: HistoryEvent[] = [
    { id: 'e1', type: 'order.cancelled', occurred_at: at(0), customer: ana, order: { id: 'A-1' }, data: { reason: 'payment_verification_failed' } },
    tell('e2', 20, 'Order A-1 is cancelled: your payment could not be verified.'),
    { id: 'e3', type: 'contact.received', occurred_at: at(60), customer: { phone: '+15550001' }, data: { channel: 'sms', text: 'Why?', thread_ref: 'T-1' } },
  ];

  it('uses the windows it is given: a notice after 20 minutes is late against 15 and in time against 30', async () => {
    const strict = await runAudit({ input: jsonl(story.slice(0, 2)) });
    expect(strict.cracks.silent_state_change.events.ids).toEqual(['e1']);
    const lenient = await runAudit({ input: jsonl(story.slice(0, 2)), options: { windows: { notifyMinutes: 30 } } });
    expect(lenient.cracks.silent_state_change.count).toBe(0);
  });

  it('catches a support answer that gives another reason than the one the customer was told', async () => {
    const summary = await runAudit({
      input: jsonl([...story.slice(0, 2), tell('e4', 300, 'About A-1: it was cancelled due to inventory, sorry.', { author: 'agent:tom' })]),
    });
    expect(summary.cracks.reason_conflict.events.ids).toEqual(['e4']);
    expect(summary.cracks.reason_conflict.example?.events.map((e) => e.id)).toEqual(['e1', 'e2', 'e4']);
  });

  it('takes a manager-request detector as an option', async () => {
    const asks: HistoryEvent = { id: 'c1', type: 'contact.received', occurred_at: at(0), customer: ana, data: { channel: 'chat', text: 'Je veux parler au responsable', thread_ref: 'T-9' } };
    const reply = tell('m1', 2, 'We are looking into it.', { author: 'agent:lee', thread_ref: 'T-9' });
    const later = tell('m2', 600, 'Later.', { author: 'agent:lee', thread_ref: 'T-9' });
    const plain = await runAudit({ input: jsonl([asks, reply, later]) });
    expect(plain.cracks.escalation_unanswered.count).toBe(0);
    const french = await runAudit({ input: jsonl([asks, reply, later]), options: { detectManagerRequest: (t) => /responsable/i.test(t) } });
    expect(french.cracks.escalation_unanswered.events.ids).toEqual(['c1']);
  });

  it('reports broken lines with their numbers and goes on', async () => {
    const text = [JSON.stringify(story[0]), '{"id": "x", oops', '', JSON.stringify({ id: 'e9', type: 'order.shipped' }), JSON.stringify(story[1]), JSON.stringify(story[2])].join('\n');
    const summary = await runAudit({ input: Readable.from([text]) });
    expect(summary.broken.count).toBe(2);
    expect(summary.broken.lines.map((l) => l.line)).toEqual([2, 4]);
    expect(summary.broken.lines[1]?.error).toMatch(/occurred_at/);
    expect(summary.events).toBe(3);
    expect(summary.cracks.silent_state_change.count).toBe(1);
  });

  it('reads CSV through a column mapping, links the SMS sender to the customer and reports malformed rows', async () => {
    const csv = [
      'event_id,kind,when,client,mail,mobile,order_no,why,body,thread,who',
      `e1,order.cancelled,${at(0)},c-1,ana@example.com,+15550001,A-1,out_of_stock,,,`,
      `e2,message.sent,${at(5)},c-1,ana@example.com,,,,"Order A-1 was cancelled, an item is out of stock.",,system`,
      `e3,order.delayed,${at(10)},c-1,ana@example.com,,A-2,weather,,,`,
      `e4,contact.received,${at(30)},,,+15550001,,,"Hello, ""where"" is A-2?",T-5,`,
      'e5,order.shipped',
      `e6,order.shipped,${at(600)},c-2,bo@example.com,,B-1,,,,`,
    ].join('\n');
    const summary = await runAudit({
      input: Readable.from([csv]),
      format: 'csv',
      mapping: {
        id: 'event_id',
        type: 'kind',
        occurred_at: 'when',
        'customer.external_id': 'client',
        'customer.email': 'mail',
        'customer.phone': 'mobile',
        'order.id': 'order_no',
        'data.reason': 'why',
        'data.text': 'body',
        'data.thread_ref': 'thread',
        'data.author': 'who',
      },
    });
    expect(summary.events).toBe(5);
    expect(summary.broken.count).toBe(1);
    expect(summary.broken.lines[0]?.line).toBe(6);
    expect(summary.cracks.silent_state_change.events.ids).toEqual(['e3']);
    expect(summary.cracks.unacknowledged_contact.customers.ids).toEqual(['c-1']);
    expect(summary.cracks.unacknowledged_contact.cases.ids).toEqual(['T-5']);
  });
});

describe('kept audit input checks', () => {
  it('refuses a CSV mapping without the required columns and a negative window, naming them', async () => {
    await expect(runAudit({ input: Readable.from(['a,b\n']), format: 'csv', mapping: { id: 'a', type: 'b' } })).rejects.toMatchObject({
      code: 'validation_failed',
      field: 'mapping',
    });
    await expect(runAudit({ input: Readable.from(['']), options: { windows: { notifyMinutes: -1 } } })).rejects.toMatchObject({
      code: 'validation_failed',
      field: 'windows.notifyMinutes',
    });
  });
});
