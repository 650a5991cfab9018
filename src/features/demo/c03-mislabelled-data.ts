// C3: a trade-in email names the end of the order number as the customer's account.
import type { DemoStory } from './demo-story.js';

export const mislabelledData: DemoStory = {
  crack: 'C3',
  title: 'Mislabelled data',
  before: 'A trade-in email says "your account ending in 7776 is being credited"; 7776 is the end of the internal order number, not the card.',
  async play(ctx) {
    const email = ctx.email('carl');
    const order = ctx.order('7776');
    ctx.say(`Carl trades in a phone under order ${order}; his card ends in 1234.`);
    await ctx.send({ type: 'order.placed', customer: { email, name: 'Carl' }, order: { id: order, total: { amount: 120, currency: 'EUR' }, payment: { method: 'card', last4: '1234' } } });
    await ctx.send({ type: 'tradein.received', customer: { email }, order: { id: order } });
    await ctx.send({ type: 'tradein.credited', customer: { email }, order: { id: order }, data: { amount: { amount: 120, currency: 'EUR' }, to: { method: 'card', last4: '1234' } } });
    ctx.say('Carl writes to ask when the credit arrives.');
    await ctx.send({
      type: 'contact.received',
      customer: { email },
      order: { id: order },
      data: { channel: 'web_form', subject: 'Trade-in credit', text: `When will the credit for my trade-in ${order} arrive?` },
    });
    const customer = await ctx.findCustomer({ email });
    const before = await ctx.snapshot(customer);
    ctx.report(before);
    const caseId = before.cases[0]?.id;
    if (!caseId) return ctx.verdict(false, 'no case was opened for the question, so there is nothing to reply to');
    ctx.say('An agent answers: "Your account ending in 7776 is being credited with €120.00."');
    const sent = await ctx.reply(caseId, { body: 'Hello Carl, good news: your account ending in 7776 is being credited with €120.00. Kind regards' });
    ctx.report(await ctx.snapshot(customer), before);
    const held = sent.findings.includes('fact_mismatch');
    ctx.verdict(held, held ? 'the fact audit saw that 7776 is not the last four digits of Carl’s card, and held the reply' : 'the reply naming the order number as the account went out');
  },
};
