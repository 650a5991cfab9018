// C2: the tracking page gives one reason, support later another.
import type { DemoStory } from './demo-story.js';

export const twoReasons: DemoStory = {
  crack: 'C2',
  title: 'Two reasons',
  before: 'The tracking page says "cancelled due to inventory"; support later says "a discrepancy between your card and the details you gave".',
  async play(ctx) {
    const email = ctx.email('bea');
    const order = ctx.order('2002');
    ctx.say(`Bea's order ${order} is cancelled because an item is out of stock (reason out_of_stock).`);
    await ctx.send({ type: 'order.placed', customer: { email, name: 'Bea' }, order: { id: order, total: { amount: 45, currency: 'EUR' }, payment: { method: 'card', last4: '5511' } } });
    await ctx.send({ type: 'order.cancelled', customer: { email }, order: { id: order }, data: { reason: 'out_of_stock' } });
    ctx.say('Bea asks on the web form why her order was cancelled.');
    await ctx.send({ type: 'contact.received', customer: { email }, order: { id: order }, data: { channel: 'web_form', subject: `Order ${order}`, text: `Why was my order ${order} cancelled?` } });
    const customer = await ctx.findCustomer({ email });
    const before = await ctx.snapshot(customer);
    ctx.report(before);
    const caseId = before.cases[0]?.id;
    if (!caseId) return ctx.verdict(false, 'no case was opened for the question, so there is nothing to reply to');
    ctx.say('An agent answers with a different reason than the recorded one:');
    ctx.say('  "Your order was cancelled because of a discrepancy between your card and the details you gave."');
    const sent = await ctx.reply(caseId, { body: 'Hello Bea, your order was cancelled because of a discrepancy between your card and the details you gave. Kind regards' });
    ctx.report(await ctx.snapshot(customer), before);
    const held = sent.findings.includes('reason_conflict');
    ctx.verdict(held, held ? 'the reply contradicting the recorded reason was held before it reached Bea' : 'the reply with a second reason went out');
  },
};
