// The desks' exports read as Kept events: who wrote each message, when, on which thread, and what is left out.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readFreshdeskRecord } from './freshdesk.js';
import { createZendeskReader } from './zendesk.js';

const recordsOf = (name: string): unknown[] =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as unknown);

describe("Zendesk's full JSON export", () => {
  const reader = createZendeskReader();
  const readings = recordsOf('zendesk-full-export.jsonl').map((record) => reader.read(record));
  const events = readings.flatMap((reading) => reading.events);

  it("turns the requester's comments into contacts and the staff's public comments into messages sent, in time order", () => {
    expect(events.map((event) => [event.id, event.type, event.occurred_at])).toEqual([
      ['zendesk-comment-7001', 'contact.received', '2026-03-02T09:15:00.000Z'],
      ['zendesk-comment-7003', 'message.sent', '2026-03-02T16:30:00.000Z'],
      ['zendesk-comment-7004', 'contact.received', '2026-03-03T08:00:00.000Z'],
      ['zendesk-comment-7010', 'contact.received', '2026-03-05T14:00:00.000Z'],
      ['zendesk-comment-7011', 'message.sent', '2026-03-05T14:10:00.000Z'],
    ]);
  });

  it('keeps the customer, the thread, the subject on the first contact and the agent by name', () => {
    expect(events[0]).toMatchObject({
      customer: { external_id: 'zendesk-user-501', email: 'ana.lima@example.com', phone: '+15551230001', name: 'Ana Lima' },
      data: { channel: 'email', thread_ref: 'zendesk-ticket-35436', subject: 'Where is my refund?' },
    });
    expect(events[1]).toMatchObject({ data: { author: 'Lee Park', to: 'ana.lima@example.com', thread_ref: 'zendesk-ticket-35436' } });
    expect(events[2]?.['data']).not.toHaveProperty('subject');
    expect(events[3]).toMatchObject({ data: { channel: 'web_form', subject: 'Broken zipper' } });
  });

  it('leaves the internal note out and counts it, with nothing reported as a problem', () => {
    expect(readings.reduce((sum, reading) => sum + reading.skipped, 0)).toBe(1);
    expect(readings.flatMap((reading) => reading.problems)).toEqual([]);
  });
});

describe("Zendesk's incremental export pages", () => {
  const reader = createZendeskReader();
  const readings = recordsOf('zendesk-incremental.jsonl').map((record) => reader.read(record));
  const events = readings.flatMap((reading) => reading.events);

  it('reads the ticket from its description once, and the comment events after it, on the ticket thread', () => {
    expect(events.map((event) => [event.id, event.type])).toEqual([
      ['zendesk-ticket-88', 'contact.received'],
      ['zendesk-comment-12', 'message.sent'],
    ]);
    expect(events[0]).toMatchObject({ customer: { external_id: 'zendesk-user-601', name: 'Dee Quinn' }, data: { channel: 'social', thread_ref: 'zendesk-ticket-88' } });
    expect(events[1]).toMatchObject({ data: { author: 'Ravi Shah', thread_ref: 'zendesk-ticket-88' } });
  });

  it('reports an event of a ticket the export never showed', () => {
    expect(readings.flatMap((reading) => reading.problems)).toEqual(['ticket event of ticket 4040: the ticket was not in the export before it']);
  });

  it('says what is not a Zendesk record', () => {
    expect(createZendeskReader().read([1, 2]).problems).toEqual(['not a Zendesk record (an object with tickets, users or ticket_events, a user or a ticket)']);
    expect(createZendeskReader().read({ id: 1, requester_id: 2 }).problems).toEqual(['ticket: created_at: Invalid input: expected string, received undefined']);
  });
});

describe("Freshdesk's tickets with conversations", () => {
  const readings = recordsOf('freshdesk-tickets.jsonl').map((record) => readFreshdeskRecord(record));
  const events = readings.flatMap((reading) => reading.events);

  it('reads the description as the first contact, public replies as messages sent, incoming ones as contacts; HTML-only bodies as text', () => {
    expect(events.map((event) => [event.id, event.type, (event['data'] as { text: string }).text])).toEqual([
      ['freshdesk-ticket-20', 'contact.received', 'I ordered M and got L.'],
      ['freshdesk-conversation-3001', 'message.sent', 'Sorry Eve, an exchange label is attached.'],
      ['freshdesk-conversation-3003', 'contact.received', 'Thanks, the new one fits.'],
      ['freshdesk-ticket-21', 'contact.received', 'Please call me about my order.'],
    ]);
    expect(events[0]).toMatchObject({
      customer: { external_id: 'freshdesk-contact-1001', email: 'eve@example.com', phone: '+15551239999' },
      data: { channel: 'email', thread_ref: 'freshdesk-ticket-20' },
    });
    expect(events[3]).toMatchObject({ customer: { phone: '+15551238888', name: 'Finn Berg' }, data: { channel: 'phone' } });
  });

  it('leaves the private note out and names what a ticket lacks', () => {
    expect(readings.reduce((sum, reading) => sum + reading.skipped, 0)).toBe(1);
    expect(readings.flatMap((reading) => reading.problems)).toEqual(['ticket: created_at: Invalid input: expected string, received undefined']);
  });
});
