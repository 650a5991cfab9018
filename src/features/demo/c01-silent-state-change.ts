// C1: an order is cancelled after a payment check and no one tells the customer.
import type { DemoStory } from './demo-story.js';

export const silentStateChange: DemoStory = {
  crack: 'C1',
  title: 'Silent state change',
  before: 'An order is cancelled after a payment check; no one tells the customer. She finds out from the tracking page days later.',
  async play(ctx) {
    const email = ctx.email('ana');
    const order = ctx.order('1001');
    ctx.say(`Ana (${email}) orders ${order}, paying by card ending 4242.`);
    await ctx.send({
      type: 'order.placed',
      customer: { email, name: 'Ana' },
      order: { id: order, items: [{ sku: 'LAMP-1', qty: 1 }], total: { amount: 89.9, currency: 'EUR' }, payment: { method: 'card', last4: '4242' } },
    });
    ctx.say(`The shop cancels ${order}: the payment could not be verified. Nobody writes to Ana.`);
    await ctx.send({ type: 'order.cancelled', customer: { email }, order: { id: order }, data: { reason: 'payment_verification_failed' } });
    const customer = await ctx.findCustomer({ email });
    const before = await ctx.snapshot(customer);
    ctx.report(before);
    await ctx.advance({ seconds: 20 * 60, why: 'the notify deadline passes with no message sent, so Kept sends the catalog’s fallback message itself' });
    const after = await ctx.snapshot(customer);
    ctx.report(after, before);
    const told = after.outbox.some((o) => o.status === 'sent');
    const owed = after.commitments.some((c) => c.kind === 'notify');
    ctx.verdict(
      told || owed,
      told
        ? 'Ana was told about the cancellation without anyone remembering to write'
        : owed
          ? 'a notify commitment holds Kept to telling Ana before its deadline'
          : 'no message reached Ana and no notify commitment was opened',
    );
  },
};
