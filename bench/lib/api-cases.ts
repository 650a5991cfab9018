// What the API latency bench reads and how its two processes talk: the seeded customers' events, the
// bench token, and the messages the server sends to the bench.
export const benchToken = 'kept_bench_admin_token_0123456789';

/** What the server tells the bench once it listens. */
export interface ApiServerReady {
  type: 'ready';
  url: string;
  caseIds: string[];
  /** Totals over the seeded cases, so the report can say what a read returns. */
  seeded: { customers: number; cases: number; claimCases: number; messages: number; commitments: number; notes: number; documents: number; casesWithRiskSignals: number; escalated: number };
  /** SQL statements one case read runs, and its JSON size, for a case with every part. */
  statementsPerRead: number;
  bytesPerRead: number;
  /** The PostgreSQL database the server uses, to find its backends' CPU time; none on PGlite. */
  database: string | undefined;
}

/** The server's resident memory and CPU time so far (user + system, µs). */
export type ApiServerStats = { type: 'stats'; rss: number; cpuMicros: number } | { type: 'profiling' } | { type: 'profiled' };

const chatter = [
  'Where is my order {order}? It was promised for Friday.',
  'Any news about {order}? The tracking page has not moved since Monday.',
  'I still have not received {order}, can you check with the carrier?',
  'Hello again, order {order} is still missing and nobody answers.',
  'Please tell me what is going on with {order}.',
  'Order {order}: the parcel says delivered but there is nothing at my door.',
];

/**
 * The events of one customer: an order, three to six contacts on mixed channels, a shop reply that makes a
 * promise for about every second customer, a request for a manager for every fifth, churn talk for every
 * seventh, and for every tenth a lost parcel, which opens a claim case with a document to return.
 */
export function customerEvents(i: number): Record<string, unknown>[] {
  const customer = { email: `bench${i}@example.com`, name: `Customer ${i}` };
  const order = { id: `B-${i}` };
  const channels = ['email', 'chat', 'web_form'];
  const events: Record<string, unknown>[] = [
    {
      id: `api-${i}-placed`,
      type: 'order.placed',
      occurred_at: '2026-11-28T10:00:00Z',
      customer,
      order: { ...order, total: { amount: '25.00', currency: 'USD' }, payment: { method: 'card', last4: '4242' } },
      data: {},
    },
  ];
  const contacts = 3 + (i % 4);
  for (let m = 0; m < contacts; m += 1) {
    let text = chatter[(i + m) % chatter.length]!.replace('{order}', order.id);
    if (m === contacts - 1 && i % 5 === 0) text = `This is the ${contacts}th time I write about ${order.id}. I want to speak to a manager.`;
    if (m === 1 && i % 7 === 0) text = `I don't think I'll ever buy from you again. ${text}`;
    events.push({
      id: `api-${i}-c${m}`,
      type: 'contact.received',
      occurred_at: `2026-11-30T${String(8 + m).padStart(2, '0')}:00:00Z`,
      customer,
      order,
      data: { channel: channels[(i + m) % channels.length], text },
    });
    if (m === 0 && i % 2 === 0) {
      events.push({
        id: `api-${i}-r${m}`,
        type: 'message.sent',
        occurred_at: '2026-11-30T08:30:00Z',
        customer,
        order,
        data: { channel: 'email', to: customer.email, subject: `Your order ${order.id}`, text: `Sorry for the wait. We will send you an update on ${order.id} by tomorrow.` },
      });
    }
  }
  if (i % 10 === 3) {
    events.push({ id: `api-${i}-shipped`, type: 'order.shipped', occurred_at: '2026-11-29T10:00:00Z', customer, order, data: { carrier: 'UPS', tracking_number: `1Z${String(i).padStart(8, '0')}` } });
    events.push({ id: `api-${i}-lost`, type: 'order.delivery_exception', occurred_at: '2026-11-30T18:00:00Z', customer, order, data: { reason: 'lost_in_transit' } });
  }
  return events;
}
