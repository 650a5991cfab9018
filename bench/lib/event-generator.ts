// A deterministic stream of realistic shop events (SPEC §3 shapes): orders that are placed, shipped, delayed,
// delivered or cancelled; customers who come back, write in on several channels, answer surveys and get
// replies. The same seed always yields the same events, so two runs (and a run and its baseline) ingest
// exactly the same rows.
import type { EventInput } from '../../src/features/events/event.schemas.js';
import { createRandom } from './seeded-random.js';

interface BenchCustomer {
  n: number;
  name: string;
  email: string;
  phone: string | undefined;
  handle: string | undefined;
  orders: string[];
}

interface Thread {
  ref: string;
  customer: BenchCustomer;
  channel: string;
}

const eventWeights = {
  'order.placed': 30,
  'order.shipped': 19,
  'order.delivered': 16,
  'order.cancelled': 3,
  'order.payment_failed': 1,
  'order.delayed': 2,
  'contact.received': 13,
  'survey.responded': 6,
  'message.sent': 10,
} as const;
type BenchEventType = keyof typeof eventWeights;

const contactChannels = { web_form: 35, chat: 20, social: 20, sms: 15, phone: 10 } as const;
const firstNames = ['Ana', 'Ben', 'Chloé', 'Dmitri', 'Esra', 'Farah', 'Gus', 'Hana', 'Ivo', 'Jun', 'Kofi', 'Lena', 'Mateo', 'Nia', 'Omar', 'Priya'];
const lastNames = ['Silva', 'Okafor', 'Nguyen', 'Müller', 'Kowalski', 'Haddad', 'Tanaka', 'Rossi', 'Larsen', 'García'];
const products = ['Kettle', 'Desk lamp', 'Rain jacket', 'Headphones', 'Yoga mat', 'Coffee grinder', 'Backpack', 'Board game'];
const cancelReasons = ['payment_verification_failed', 'out_of_stock', 'customer_request', 'address_unverifiable'];
const delayReasons = ['carrier_delay', 'weather', 'warehouse_backlog'];
const carriers = ['UPS', 'FedEx', 'DHL', 'USPS'];
const contactTexts = [
  (order: string) => `Hi, where is my order ${order}? The tracking page has not changed for three days.`,
  (order: string) => `I was charged twice for ${order}, can you check please?`,
  (order: string) => `Order ${order} arrived damaged. The box was crushed and the lid is broken.`,
  () => 'Can I change the delivery address on my last order?',
  () => 'Do you ship to Canada? I could not find it on the site.',
  () => 'May I speak to a manager? This is the third time I am writing.',
];
const surveyComments = ['Fast delivery, thanks!', 'Support took too long to answer.', 'Item as described.', '', 'I doubt I will ever buy from you again.'];

export interface EventGenerator {
  /** The next `size` events of the stream. */
  nextBatch(size: number): EventInput[];
  /**
   * The same, each with the number of the customer it concerns (whatever identity the event names them by),
   * so that a stream can be split between processes with each customer's events kept together and in order.
   */
  nextOwnedBatch(size: number): { event: EventInput; customer: number }[];
}

/** Creates the stream for `seed`; events start at `start` and advance a few seconds each. */
export function createEventGenerator(options: { seed: number; start?: Date }): EventGenerator {
  const random = createRandom(options.seed);
  const customers: BenchCustomer[] = [];
  const placed: string[] = [];
  const shipped: string[] = [];
  const orderOwner = new Map<string, BenchCustomer>();
  const threads: Thread[] = [];
  let clock = (options.start ?? new Date('2026-11-01T08:00:00Z')).getTime();
  let eventCount = 0;
  let orderCount = 0;
  let threadCount = 0;
  let lastOwner = 0;

  function newCustomer(): BenchCustomer {
    const n = customers.length + 1;
    const first = random.pick(firstNames);
    const customer: BenchCustomer = {
      n,
      name: `${first} ${random.pick(lastNames)}`,
      email: `${first
        .normalize('NFD')
        .replace(/[^A-Za-z]/g, '')
        .toLowerCase()}.${n}@example.com`,
      phone: random.chance(0.5) ? `+1555${String(1_000_000 + n).slice(-7)}` : undefined,
      handle: undefined,
      orders: [],
    };
    customers.push(customer);
    return customer;
  }

  function returningCustomer(): BenchCustomer {
    return customers.length > 0 ? random.pick(customers) : newCustomer();
  }

  /** Removes and returns a random entry; swap-remove keeps it O(1) and still deterministic. */
  function takeFrom(list: string[]): string | undefined {
    if (list.length === 0) return undefined;
    const index = random.int(0, list.length - 1);
    const value = list[index]!;
    list[index] = list[list.length - 1]!;
    list.pop();
    return value;
  }

  function identityOf(customer: BenchCustomer, withPhone: boolean): NonNullable<EventInput['customer']> {
    // Shops write addresses as customers typed them; Kept must still resolve one identity.
    const email = random.chance(0.1) ? customer.email.toUpperCase() : customer.email;
    return { email, name: customer.name, ...(withPhone && customer.phone ? { phone: customer.phone } : {}) };
  }

  function orderPlaced(base: Base): EventInput {
    const customer = customers.length > 20 && random.chance(0.55) ? returningCustomer() : newCustomer();
    lastOwner = customer.n;
    const number = `B-${100_000 + ++orderCount}`;
    customer.orders.push(number);
    orderOwner.set(number, customer);
    placed.push(number);
    const items = Array.from({ length: random.int(1, 3) }, () => ({ sku: `SKU-${random.int(100, 999)}`, name: random.pick(products), quantity: random.int(1, 2) }));
    const isGift = random.chance(0.08);
    return {
      ...base,
      type: 'order.placed',
      customer: identityOf(customer, true),
      order: {
        id: number,
        items,
        total: { amount: (random.int(900, 45_000) / 100).toFixed(2), currency: 'USD' },
        payment: { method: random.chance(0.85) ? 'card' : 'paypal', last4: String(random.int(0, 9999)).padStart(4, '0') },
        ship_to: {
          name: isGift ? `${random.pick(firstNames)} ${random.pick(lastNames)}` : customer.name,
          address: { line1: `${random.int(1, 999)} Main St`, city: 'Springfield', postal_code: String(random.int(10_000, 99_999)), country: 'US' },
          is_gift: isGift,
          ...(isGift ? { recipient_email: `gift.${orderCount}@example.org` } : {}),
        },
        promised_by: new Date(clock + random.int(3, 7) * 86_400_000).toISOString(),
      },
      data: {},
    };
  }

  function orderEvent(base: Base, type: BenchEventType, number: string, data: Record<string, unknown>): EventInput {
    const customer = orderOwner.get(number)!;
    lastOwner = customer.n;
    // Most shop platforms repeat the buyer on every order event; some send the order alone.
    return { ...base, type, ...(random.chance(0.75) ? { customer: identityOf(customer, false) } : {}), order: { id: number }, data };
  }

  function contactReceived(base: Base): EventInput {
    const followUp = threads.length > 0 && random.chance(0.2) ? random.pick(threads) : undefined;
    const channel = followUp?.channel ?? random.weighted(contactChannels);
    const customer = followUp?.customer ?? (random.chance(0.25) ? newCustomer() : returningCustomer());
    lastOwner = customer.n;
    let ref: NonNullable<EventInput['customer']>;
    if (channel === 'social') {
      const firstTime = !customer.handle;
      customer.handle ??= `@${customer.name.split(' ')[0]!.toLowerCase()}${customer.n}`;
      // A first post from a handle sometimes carries the email too, which links the two identities (crack C5).
      ref = { handle: { network: 'twitter', id: customer.handle }, ...(firstTime && random.chance(0.5) ? { email: customer.email } : {}) };
    } else if ((channel === 'sms' || channel === 'phone') && customer.phone) {
      ref = { phone: customer.phone };
    } else {
      ref = identityOf(customer, false);
    }
    const order = customer.orders.length > 0 && random.chance(0.6) ? random.pick(customer.orders) : undefined;
    const text = order ? random.pick(contactTexts.slice(0, 3))(order) : random.pick(contactTexts.slice(3))('');
    const thread = followUp ?? { ref: `thr-${options.seed}-${++threadCount}`, customer, channel };
    if (!followUp) {
      threads.push(thread);
      if (threads.length > 5000) threads.shift();
    }
    return {
      ...base,
      type: 'contact.received',
      customer: ref,
      ...(order && random.chance(0.5) ? { order: { id: order } } : {}),
      data: { channel, text, subject: text.slice(0, 40), thread_ref: thread.ref },
    };
  }

  function surveyResponded(base: Base): EventInput {
    const customer = returningCustomer();
    lastOwner = customer.n;
    const score = random.chance(0.2) ? random.int(0, 6) : random.int(7, 10);
    const order = customer.orders.at(-1);
    return {
      ...base,
      type: 'survey.responded',
      customer: { email: customer.email },
      ...(order ? { order: { id: order } } : {}),
      data: { score, comment: random.pick(surveyComments), contact_requested: random.chance(0.1) },
    };
  }

  function messageSent(base: Base): EventInput {
    const thread = threads.length > 0 && random.chance(0.6) ? random.pick(threads) : undefined;
    const customer = thread?.customer ?? returningCustomer();
    lastOwner = customer.n;
    const order = customer.orders.at(-1);
    const text = order ? `Your order ${order} is on its way. We will keep you posted.` : 'Thanks for writing to us, we are looking into it.';
    return {
      ...base,
      type: 'message.sent',
      customer: { email: customer.email },
      data: { channel: 'email', to: customer.email, subject: 'About your order', text, author: 'shop-platform', ...(thread ? { thread_ref: thread.ref } : {}) },
    };
  }

  type Base = Pick<EventInput, 'id' | 'occurred_at'>;

  function nextEvent(): EventInput {
    clock += random.int(1, 20) * 1000;
    const base: Base = { id: `bench-${options.seed}-${++eventCount}`, occurred_at: new Date(clock).toISOString() };
    const type = random.weighted(eventWeights);
    switch (type) {
      case 'order.shipped': {
        const number = takeFrom(placed);
        if (!number) return orderPlaced(base);
        shipped.push(number);
        return orderEvent(base, type, number, { carrier: random.pick(carriers), tracking_number: `1Z${random.int(100_000_000, 999_999_999)}` });
      }
      case 'order.delivered': {
        const number = takeFrom(shipped);
        return number ? orderEvent(base, type, number, {}) : orderPlaced(base);
      }
      case 'order.cancelled': {
        const number = takeFrom(placed);
        return number ? orderEvent(base, type, number, { reason: random.pick(cancelReasons) }) : orderPlaced(base);
      }
      case 'order.payment_failed': {
        const number = placed.length > 0 ? random.pick(placed) : undefined;
        return number ? orderEvent(base, type, number, { reason: 'card_declined' }) : orderPlaced(base);
      }
      case 'order.delayed': {
        const number = shipped.length > 0 ? random.pick(shipped) : undefined;
        const newEta = new Date(clock + random.int(2, 6) * 86_400_000).toISOString();
        return number ? orderEvent(base, type, number, { reason: random.pick(delayReasons), new_eta: newEta }) : orderPlaced(base);
      }
      case 'contact.received':
        return contactReceived(base);
      case 'survey.responded':
        return surveyResponded(base);
      case 'message.sent':
        return messageSent(base);
      case 'order.placed':
        return orderPlaced(base);
    }
  }

  return {
    nextBatch: (size) => Array.from({ length: size }, nextEvent),
    nextOwnedBatch: (size) =>
      Array.from({ length: size }, () => {
        const event = nextEvent();
        return { event, customer: lastOwner };
      }),
  };
}

/** Counts events by type: printed with the results so a reader knows the mix. */
export function countByType(events: readonly EventInput[], into: Map<string, number> = new Map()): Map<string, number> {
  for (const event of events) into.set(event.type, (into.get(event.type) ?? 0) + 1);
  return into;
}
