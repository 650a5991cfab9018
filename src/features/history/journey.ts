// One customer's journey through one order: the events it makes, in any order (the generator sorts them by time).
import type { CrackKind, HistoryCustomer, HistoryEvent } from './history-event.js';
import { loadDefaultReasons } from '../comms/reason-catalog.js';
import { contactChannels } from './history-event.js';
import type { ContactChannel } from './history-event.js';
import type { SeededRandom } from './seeded-random.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** A crack the generator put into a history on purpose, named by the event the audit must flag. */
export interface PlantedCrack {
  kind: CrackKind;
  /** The event the crack hangs on: the silent change, the ignored contact or survey, the conflicting message. */
  eventId: string;
  customerId: string;
  orderId?: string;
  threadRef?: string;
  /**
   * When the crack becomes visible under the shipped policy windows: a history that ends before this
   * leaves the promise open, neither kept nor broken.
   */
  breaksAt: string;
}

/** The shipped policy windows, in minutes, that the planted cracks are built to miss. */
const shippedWindowMinutes: Record<CrackKind, number> = {
  silent_state_change: 15,
  unacknowledged_contact: 5,
  unanswered_contact: 240,
  survey_not_followed_up: 2 * 24 * 60,
  escalation_unanswered: 240,
  no_progress: 0,
  reason_conflict: 0,
};

export interface JourneyOptions {
  index: number;
  startMs: number;
  rng: SeededRandom;
  plant?: CrackKind | undefined;
  /** Contacts it takes to plant a `no_progress` crack; the audit's threshold. */
  noProgressContacts: number;
}

export interface Journey {
  events: HistoryEvent[];
  planted: PlantedCrack | undefined;
}

const firstNames = ['Ana', 'Ben', 'Chloe', 'Dev', 'Ema', 'Farid', 'Grace', 'Hugo', 'Ines', 'Jon', 'Kira', 'Luis', 'Mara', 'Noah'];
const agents = ['agent:maria', 'agent:tom', 'agent:sade', 'agent:lee', 'agent:ivan'];
const managers = ['manager:olga', 'manager:raj'];
const carriers = ['UPS', 'DHL', 'FedEx', 'USPS'];
const questions = [
  'Where is my order {order}? The tracking page has not moved.',
  'Can I change the delivery address for {order}?',
  'I was charged twice for {order}, please check.',
  'Is {order} going to arrive before the weekend?',
  'The box for {order} was left at the wrong door.',
];
const managerAsks = ['This is the third time I write. I want to speak to a manager.', 'Please let a supervisor call me about this.', 'Can I talk to your manager, please?'];

// What the shop tells a customer about a reason is the catalog's customer text, as Kept's own messages say it.
const reasonTexts = new Map(loadDefaultReasons().map((reason) => [reason.code, reason.customer_text]));
function reasonText(code: string): string {
  const found = reasonTexts.get(code);
  if (!found) throw new RangeError(`the history generator uses reason ${code}, which the shipped catalog lacks`);
  return found;
}

/** Builds the events of journey `index`, planting `plant` when given; a journey without one is clean. */
export function buildJourney(options: JourneyOptions): Journey {
  const { index: n, startMs: t0, rng, plant } = options;
  const name = `${rng.pick(firstNames)} ${String.fromCharCode(65 + (n % 26))}.`;
  const externalId = `c-${n}`;
  const email = `customer${n}@example.com`;
  const phone = `+1555${String(n % 10_000_000).padStart(7, '0')}`;
  const handle = { network: 'twitter', id: `@customer${n}` };
  const orderId = `A-${100_000 + n}`;
  const shopCustomer: HistoryCustomer = { external_id: externalId, email, name };
  const events: HistoryEvent[] = [];
  let planted: PlantedCrack | undefined;
  let seq = 0;
  const planting = plant !== undefined;

  const add = (type: string, at: number, customer: HistoryCustomer, data: Record<string, unknown>, order?: { id: string; [field: string]: unknown }): string => {
    const id = `evt-${n}-${seq++}`;
    const event: HistoryEvent = { id, type, occurred_at: new Date(Math.round(at)).toISOString(), customer, data };
    if (order) event.order = order;
    events.push(event);
    return id;
  };
  const send = (at: number, author: string, text: string, extra: { subject?: string; thread_ref?: string; channel?: string; to?: string } = {}): string =>
    add(
      'message.sent',
      at,
      { external_id: externalId, email },
      {
        channel: extra.channel ?? 'email',
        to: extra.to ?? email,
        subject: extra.subject ?? `About your order ${orderId}`,
        text,
        author,
        ...(extra.thread_ref ? { thread_ref: extra.thread_ref } : {}),
      },
    );
  const notify = (at: number, text: string): string => send(at + rng.int(1, 10) * MIN, 'system', text);
  const mark = (kind: CrackKind, eventId: string, extra: { threadRef?: string } = {}): void => {
    const event = events.find((e) => e.id === eventId);
    const breaksAt = new Date(Date.parse(event?.occurred_at ?? '') + shippedWindowMinutes[kind] * MIN).toISOString();
    planted = { kind, eventId, customerId: externalId, orderId, ...extra, breaksAt };
  };

  // The last reason told to the customer, so that agents repeat it (a clean history never disagrees with itself).
  let toldReason: { code: string; at: number } | undefined;
  let lastOrderEventAt = t0;
  const orderEvent = (type: string, at: number, data: Record<string, unknown>): string => {
    lastOrderEventAt = Math.max(lastOrderEventAt, at);
    return add(type, at, shopCustomer, data, { id: orderId });
  };

  const total = rng.int(15, 400) + rng.int(0, 99) / 100;
  const last4 = String(rng.int(0, 9999)).padStart(4, '0');
  const isGift = rng.chance(0.1);
  add(
    'order.placed',
    t0,
    { external_id: externalId, email, phone, handle, name },
    {},
    {
      id: orderId,
      items: [{ sku: `SKU-${rng.int(100, 999)}`, quantity: rng.int(1, 3) }],
      total: { amount: total.toFixed(2), currency: 'USD' },
      payment: { method: 'card', last4 },
      ship_to: { name, address: `${rng.int(1, 999)} Main St`, is_gift: isGift, ...(isGift ? { recipient_email: `friend${n}@example.com` } : {}) },
      promised_by: new Date(t0 + 5 * DAY).toISOString(),
    },
  );
  send(t0 + rng.int(1, 3) * MIN, 'system', `Thank you, ${name}. We received your order ${orderId}.`);

  let ended = false;
  let end = t0;
  if (!planting && rng.chance(0.04)) {
    const at = t0 + rng.int(5, 60) * MIN;
    orderEvent('order.payment_failed', at, { reason: 'payment_verification_failed' });
    notify(at, `We could not take the payment for order ${orderId}. ${reasonText('payment_verification_failed')}`);
    toldReason = { code: 'payment_verification_failed', at: at + 10 * MIN };
    if (rng.chance(0.5)) {
      const c = at + rng.int(60, 360) * MIN;
      orderEvent('order.cancelled', c, { reason: 'payment_verification_failed' });
      notify(c, `Order ${orderId} has been cancelled. ${reasonText('payment_verification_failed')}`);
      ended = true;
      end = c;
    }
  }
  if (!ended && !planting && rng.chance(0.03)) {
    const c = t0 + rng.int(2, 20) * HOUR;
    orderEvent('order.cancelled', c, { reason: 'out_of_stock' });
    notify(c, `We are sorry: order ${orderId} is cancelled. ${reasonText('out_of_stock')}`);
    toldReason = { code: 'out_of_stock', at: c + 10 * MIN };
    const r = c + rng.int(12, 36) * HOUR;
    orderEvent('refund.issued', r, { amount: { amount: total.toFixed(2), currency: 'USD' }, to: { method: 'card', last4 } });
    notify(r, `Your refund of $${total.toFixed(2)} for order ${orderId} has been issued to your card ending ${last4}.`);
    ended = true;
    end = r;
  }

  let delayId: string | undefined;
  let delayAt = 0;
  if (!ended) {
    const shippedAt = t0 + rng.int(12, 48) * HOUR;
    orderEvent('order.shipped', shippedAt, { carrier: rng.pick(carriers), tracking_number: `1Z${n}${rng.int(1000, 9999)}` });
    if (rng.chance(0.9)) notify(shippedAt, `Good news: order ${orderId} has shipped.`);
    let deliverAt = shippedAt + rng.int(2, 5) * DAY;
    const forceDelay = plant === 'silent_state_change' || plant === 'reason_conflict';
    if (forceDelay || (!planting && rng.chance(0.08))) {
      delayAt = shippedAt + rng.int(12, 36) * HOUR;
      const code = plant === 'reason_conflict' ? 'carrier_delay' : rng.pick(['carrier_delay', 'address_undeliverable']);
      delayId = orderEvent('order.delayed', delayAt, { reason: code, new_eta: new Date(deliverAt + 2 * DAY).toISOString() });
      if (plant === 'silent_state_change') mark('silent_state_change', delayId);
      else {
        notify(delayAt, `Order ${orderId} is running late. ${reasonText(code)} New estimate in two days.`);
        toldReason = { code, at: delayAt + 10 * MIN };
      }
      deliverAt += rng.int(1, 3) * DAY;
    }
    if (!planting && rng.chance(0.03)) {
      // After any delay has been told, so the two reasons follow one another as they would in life.
      const x = Math.max(shippedAt + rng.int(1, 3) * DAY, delayAt + rng.int(6, 48) * HOUR);
      const code = rng.pick(['lost_in_transit', 'address_undeliverable', 'damaged_in_transit']);
      orderEvent('order.delivery_exception', x, { reason: code });
      notify(x, `There is a problem with order ${orderId}. ${reasonText(code)}`);
      toldReason = { code, at: x + 10 * MIN };
      const r = x + rng.int(24, 48) * HOUR;
      orderEvent('refund.issued', r, { amount: { amount: total.toFixed(2), currency: 'USD' }, to: { method: 'card', last4 } });
      notify(r, `Your refund of $${total.toFixed(2)} for order ${orderId} has been issued to your card ending ${last4}.`);
      end = r;
    } else {
      orderEvent('order.delivered', deliverAt, {});
      if (rng.chance(0.7)) notify(deliverAt, `Order ${orderId} was delivered. Enjoy!`);
      end = deliverAt;
    }
  }

  if (!planting && rng.chance(0.05)) {
    const tradeId = `T-${100_000 + n}`;
    const r = t0 + rng.int(24, 72) * HOUR;
    lastOrderEventAt = Math.max(lastOrderEventAt, r + 4 * DAY);
    add('tradein.received', r, shopCustomer, { device: 'phone' }, { id: tradeId });
    const c = r + rng.int(2, 4) * DAY;
    add('tradein.credited', c, shopCustomer, { amount: { amount: '120.00', currency: 'USD' }, to: { method: 'card', last4 } }, { id: tradeId });
    notify(c, `Your trade-in ${tradeId} has been credited: $120.00 to your card ending ${last4}.`);
  }

  let threads = 0;
  const contactIdentity = (channel: ContactChannel): HistoryCustomer => {
    if (channel === 'sms' || channel === 'phone') return { phone };
    if (channel === 'social') return { handle };
    return { email, name };
  };
  /** A contact and what the business does about it; `skip` leaves out the part a planted crack needs missing. */
  const contact = (at: number, o: { channel?: ContactChannel; text?: string; skip?: 'ack' | 'answer' | 'manager'; answerText?: string }): { contactId: string; answerId?: string; thread: string } => {
    const thread = `T-${n}-${threads++}`;
    const channel = o.channel ?? rng.pick(contactChannels);
    const text = o.text ?? rng.pick(questions).replace('{order}', orderId);
    const contactId = add('contact.received', at, contactIdentity(channel), { channel, text, subject: `Order ${orderId}`, thread_ref: thread });
    const live = channel === 'chat' || channel === 'phone';
    const ackAt = at + rng.int(1, 4) * MIN;
    const answerAt = live ? ackAt : at + (o.skip === 'ack' ? rng.int(30, 120) : rng.int(10, 200)) * MIN;
    const reason = toldReason && toldReason.at < answerAt ? ` As we wrote: ${reasonText(toldReason.code)}` : '';
    const answerText = o.answerText ?? `Thanks for reaching out about order ${orderId}.${reason} We are on it.`;
    const reply = { thread_ref: thread, channel, subject: `Re: Order ${orderId}` };
    if (!live && o.skip !== 'ack') send(ackAt, 'system', `We got your message about order ${orderId} and will answer within 4 hours.`, reply);
    const skipAnswer = o.skip === 'answer' || (live && o.skip === 'ack');
    const answerId = skipAnswer ? undefined : send(answerAt, rng.pick(agents), answerText, reply);
    if (managerAsks.some((ask) => text.includes(ask)) && o.skip !== 'manager' && o.skip !== 'answer') {
      send(at + rng.int(30, 200) * MIN, rng.pick(managers), `I am the duty manager. I have looked into order ${orderId} myself and will see it through.`, reply);
    }
    return { contactId, thread, ...(answerId ? { answerId } : {}) };
  };

  const web = 'web_form' as const;
  switch (plant) {
    case 'unacknowledged_contact': {
      const c = contact(end + rng.int(2, 10) * HOUR, { channel: web, skip: 'ack' });
      mark('unacknowledged_contact', c.contactId, { threadRef: c.thread });
      break;
    }
    case 'unanswered_contact': {
      const c = contact(end + rng.int(2, 10) * HOUR, { channel: web, skip: 'answer' });
      mark('unanswered_contact', c.contactId, { threadRef: c.thread });
      break;
    }
    case 'escalation_unanswered': {
      const c = contact(end + rng.int(2, 10) * HOUR, { channel: web, text: `About ${orderId}: ${rng.pick(managerAsks)}`, skip: 'manager' });
      mark('escalation_unanswered', c.contactId, { threadRef: c.thread });
      break;
    }
    case 'survey_not_followed_up': {
      const s = add('survey.responded', end + rng.int(24, 48) * HOUR, { email }, { score: rng.int(0, 4), comment: 'Not happy at all.', contact_requested: true });
      mark('survey_not_followed_up', s);
      break;
    }
    case 'no_progress': {
      let at = Math.max(end, lastOrderEventAt) + HOUR;
      let c = contact(at, { channel: web });
      for (let i = 1; i < options.noProgressContacts; i++) {
        at += rng.int(12, 30) * HOUR;
        c = contact(at, { channel: web, text: `Still nothing about ${orderId}. Message number ${i + 1}.` });
      }
      mark('no_progress', c.contactId, { threadRef: c.thread });
      break;
    }
    case 'reason_conflict': {
      const at = delayAt + rng.int(2, 10) * HOUR;
      const c = contact(at, { channel: web, answerText: `Order ${orderId} is late, sorry. ${reasonText('lost_in_transit')}` });
      if (c.answerId) mark('reason_conflict', c.answerId, { threadRef: c.thread });
      break;
    }
    case 'silent_state_change':
      break;
    case undefined: {
      if (rng.chance(0.3)) {
        const count = rng.chance(0.25) ? 2 : 1;
        for (let i = 0; i < count; i++) {
          const at = t0 + HOUR + rng.float() * (end - t0 + DAY);
          const text = rng.chance(0.05) ? `Order ${orderId}: ${rng.pick(managerAsks)}` : undefined;
          contact(at, text ? { text } : {});
        }
      }
      if (rng.chance(0.2)) {
        const detractor = rng.chance(0.3);
        const score = detractor ? rng.int(0, 6) : rng.int(7, 10);
        const requested = rng.chance(detractor ? 0.3 : 0.1);
        const at = end + rng.int(24, 48) * HOUR;
        add('survey.responded', at, { email }, { score, comment: detractor ? 'Could be better.' : 'Great service.', contact_requested: requested });
        if (detractor || requested) send(at + rng.int(2, 36) * HOUR, rng.pick(agents), `Hello ${name}, thank you for your survey answer. How can we make it right?`, { subject: 'Your feedback' });
      }
      break;
    }
  }
  return { events, planted };
}
