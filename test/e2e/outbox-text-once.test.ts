// An outbound message's text is stored once: its outbox entry reads it from the message, and still lists,
// delivers and compares it as before. An entry with text of its own (a reply held before it became a message)
// keeps it.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeKinds } from '../helpers/stores.js';
import { createTestKept, type TestKept } from '../helpers/test-app.js';
import { caseOf, contact, createAgent, ingest } from './commitment-helpers.js';

interface OutboxItem {
  id: string;
  body: string;
  status: string;
  origin: string;
}

describe.each(storeKinds)('outbox text on %s', (storeKind) => {
  let kept: TestKept;
  beforeAll(async () => {
    kept = await createTestKept({ store: storeKind, clockStart: new Date('2026-12-07T09:00:00Z') });
  });
  afterAll(async () => kept?.close());

  const stored = async (id: string) =>
    (await sql<{ body: string; html: string | null; text_from_message: boolean }>`select body, html, text_from_message from outbox where id = ${id}`.execute(kept.store.db)).rows[0];

  it("keeps an automatic message's text in the message alone, and lists and sends it whole", async () => {
    await ingest(kept, contact({ id: 'once-1', email: 'mia@example.com', at: '2026-12-07T09:00:00Z', channel: 'email', text: 'Where is my parcel?' }));
    const theCase = await caseOf(kept, 'mia@example.com');
    const sentByKept = theCase.messages.filter((message: { direction: string; author_kind: string }) => message.direction === 'out' && message.author_kind === 'automatic');
    expect(sentByKept).toHaveLength(1);
    const outbox = (await kept.api('GET', `/api/v1/outbox?case_id=${theCase.id}`)).body.items as OutboxItem[];
    expect(outbox.map((entry) => [entry.origin, entry.status, entry.body])).toEqual([['acknowledgement', 'sent', sentByKept[0].body]]);
    expect(sentByKept[0].body.length).toBeGreaterThan(40);
    expect(await stored(outbox[0]!.id)).toEqual({ body: '', html: null, text_from_message: true });
    // What went out is the message's text.
    expect(kept.services.capture.captured.filter((sent) => sent.to === 'mia@example.com').map((sent) => sent.body)).toEqual([sentByKept[0].body]);
  });

  it('keeps the text of a reply held before it became a message', async () => {
    const agent = await createAgent(kept, { name: 'Noor', role: 'agent' });
    const theCase = await caseOf(kept, 'mia@example.com');
    // A reply naming an order the customer does not have is held by the fact audit, with no message yet.
    const body = 'Your order Z-99999 was refunded yesterday.';
    const reply = await kept.api('POST', `/api/v1/cases/${theCase.id}/replies`, { author_id: agent.id, body });
    expect(reply.status, JSON.stringify(reply.body)).toBe(422);
    const held = ((await kept.api('GET', `/api/v1/outbox?case_id=${theCase.id}&status=held`)).body.items as OutboxItem[]).find((entry) => entry.body === body);
    expect(held).toBeDefined();
    expect(await stored(held!.id)).toEqual({ body, html: null, text_from_message: false });
  });
});
