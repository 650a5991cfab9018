import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseReasonsYaml } from '../comms/reason-catalog.js';
import type { HistoryEvent } from '../history/history-event.js';
import { runAudit } from './run-audit.js';

const jsonl = (events: readonly unknown[]): Readable => Readable.from(events.map((e) => `${JSON.stringify(e)}\n`));
const at = (minutes: number) => new Date(Date.parse('2026-12-01T10:00:00Z') + minutes * 60_000).toISOString();
const ana = { external_id: 'c-1', email: 'ana@example.com' };
const contact = (id: string, minutes: number, text: string, thread: string): HistoryEvent => ({
  id,
  type: 'contact.received',
  occurred_at: at(minutes),
  customer: ana,
  data: { channel: 'web_form', text, thread_ref: thread },
});
const sent = (id: string, minutes: number, text: string, extra: Record<string, unknown>): HistoryEvent => ({
  id,
  type: 'message.sent',
  occurred_at: at(minutes),
  customer: ana,
  data: { channel: 'email', to: 'ana@example.com', text, ...extra },
});

describe('who answered, in a history from another desk', () => {
  it('counts an answer by an agent given as an object as a person, not as an automated message', async () => {
    const summary = await runAudit({
      input: jsonl([
        contact('c1', 0, 'Where is my parcel?', 'T-1'),
        sent('m1', 2, 'We got your message.', { thread_ref: 'T-1', author: { name: 'Helpdesk', role: 'bot' } }),
        sent('m2', 60, 'It ships today.', { thread_ref: 'T-1', author: { name: 'Agent Lee', role: 'agent' } }),
        sent('m3', 900, 'Anything else?', { thread_ref: 'T-1', author: { name: 'Agent Lee', role: 'agent' } }),
      ]),
    });
    expect(summary.totalCracks).toBe(0);
    expect(summary.reading.authors).toEqual({ person: 2, automated: 1, unknown: 0, managers: 0 });
    expect(summary.reading.authorFields).toEqual({ 'data.author.role': 3 });
  });

  it('reports senders it cannot place in their own section, and the contacts only they answered as undecided, not as cracks', async () => {
    const summary = await runAudit({
      input: jsonl([
        contact('c1', 0, 'Where is my parcel?', 'T-1'),
        sent('m1', 2, 'On its way.', { thread_ref: 'T-1', author: { name: 'Dispatch', role: 'courier' } }),
        contact('c2', 10, 'And the invoice?', 'T-2'),
        sent('m2', 12, 'Attached.', { thread_ref: 'T-2', author: 42 }),
        sent('m3', 2000, 'Later.', { thread_ref: 'T-9', author: 'system' }),
      ]),
    });
    expect(summary.cracks.unanswered_contact.count).toBe(0);
    expect(summary.cracks.unacknowledged_contact.count).toBe(0);
    expect(summary.reading.authors.unknown).toBe(2);
    expect(summary.reading.unknownAuthors.map((e) => [e.value, e.count, e.event.id])).toEqual([
      ['Dispatch', 1, 'm1'],
      ['42', 1, 'm2'],
    ]);
    expect(summary.reading.undecided.count).toBe(2);
    expect(summary.reading.undecided.examples.map((e) => e.id)).toEqual(['c1', 'c2']);
  });

  it('hears a request for a manager in any wording, with the detector live cases use, and wants a manager to answer it', async () => {
    // Kept's detector hears this; the audit's former keyword list (manager, supervisor, someone in charge…) did not.
    const asks = contact('c1', 0, "I've had three copy-paste answers. Is there anyone more senior I can speak to?", 'T-1');
    const reply = sent('m1', 2, 'Looking into it.', { thread_ref: 'T-1', author: { name: 'Lee', role: 'agent' } });
    const manager = sent('m2', 100, 'I am the duty manager.', { thread_ref: 'T-1', author: { name: 'Olga', role: 'supervisor' } });
    const later = sent('m3', 900, 'Closing.', { thread_ref: 'T-1', author: { name: 'Lee', role: 'agent' } });
    expect((await runAudit({ input: jsonl([asks, reply, later]) })).cracks.escalation_unanswered.events.ids).toEqual(['c1']);
    expect((await runAudit({ input: jsonl([asks, reply, manager, later]) })).cracks.escalation_unanswered.count).toBe(0);
  });
});

describe('one reason catalog', () => {
  const cancelled: HistoryEvent = { id: 'o1', type: 'order.cancelled', occurred_at: at(0), customer: ana, order: { id: 'A-1' }, data: { reason: 'payment_verification_failed' } };
  const told = sent('m1', 5, 'Order A-1 was cancelled: we could not verify the payment details.', { author: 'system' });

  it('hears a reason stated in other words than the catalog phrase, after another was recorded', async () => {
    const inventory = sent('m2', 300, 'Your order A-1 was cancelled due to an inventory issue.', { author: { name: 'Agent Lee', role: 'agent' } });
    const summary = await runAudit({ input: jsonl([cancelled, told, inventory]) });
    expect(summary.cracks.reason_conflict.events.ids).toEqual(['m2']);
    const same = sent('m2', 300, 'About A-1: we couldnt verify your payment, sorry.', { author: 'agent:lee' });
    expect((await runAudit({ input: jsonl([cancelled, told, same]) })).cracks.reason_conflict.count).toBe(0);
  });

  it('reads the reasons of the configuration it is given, and reports codes that catalog lacks', async () => {
    const yaml = `reasons:
  - code: payment_verification_failed
    customer_text: We could not verify the payment details for this order.
    internal_text: Payment check failed.
    phrases: [could not verify the payment, payment details]
    fallback: { subject: Your order, text: We could not verify the payment. }
  - code: warehouse_flood
    customer_text: Our warehouse was flooded.
    internal_text: Flood.
    phrases: [warehouse was flooded, flood]
    fallback: { subject: Your order, text: Our warehouse was flooded. }
`;
    const reasons = parseReasonsYaml({ yaml, file: 'custom.yaml' });
    const flood = sent('m2', 300, 'About A-1: sadly our warehouse was flooded.', { author: 'agent:lee' });
    const delayed: HistoryEvent = { id: 'o2', type: 'order.delayed', occurred_at: at(400), customer: ana, order: { id: 'A-1' }, data: { reason: 'weather' } };
    const custom = await runAudit({ input: jsonl([cancelled, told, flood, delayed]), options: { reasons } });
    expect(custom.cracks.reason_conflict.events.ids).toEqual(['m2']);
    expect(custom.reading.unknownReasons.map((e) => [e.value, e.count, e.event.id])).toEqual([['weather', 1, 'o2']]);
    const shipped = await runAudit({ input: jsonl([cancelled, told, flood, delayed]) });
    expect(shipped.cracks.reason_conflict.count).toBe(0);
  });
});

describe('histories out of time order', () => {
  it('replays events in time order within the reorder horizon, and counts those beyond it as late', async () => {
    const events = [
      contact('c1', 0, 'Where is my parcel?', 'T-1'),
      { id: 'o1', type: 'order.shipped', occurred_at: at(120), customer: ana, order: { id: 'A-7' }, data: {} },
      sent('m9', 3000, 'A later note.', { thread_ref: 'T-9', author: 'system' }),
      sent('m1', 2, 'We got your message.', { thread_ref: 'T-1', author: 'system' }),
      sent('m2', 60, 'It ships today.', { thread_ref: 'T-1', author: 'agent:lee' }),
    ];
    const within = await runAudit({ input: jsonl(events), options: { reorderHours: 72 } });
    expect(within.totalCracks).toBe(0);
    expect(within.outOfOrder).toBe(2);
    expect(within.reading.lateEvents).toBe(0);
    const beyond = await runAudit({ input: jsonl(events), options: { reorderHours: 24 } });
    expect(beyond.reading.lateEvents).toBe(2);
    expect(beyond.cracks.unacknowledged_contact.events.ids).toEqual(['c1']);
  });
});
