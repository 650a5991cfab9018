// C8: 28 emails, each answered by a different agent repeating the same general information.
import type { DemoStory } from './demo-story.js';

export const groundhogDay: DemoStory = {
  crack: 'C8',
  title: 'Groundhog day',
  before: '28 emails, each answered by a different agent repeating the same general information.',
  async play(ctx) {
    const email = ctx.email('hal');
    const order = ctx.order('8008');
    const thread = `refund-${order}`;
    await ctx.send({ type: 'order.placed', customer: { email, name: 'Hal' }, order: { id: order, total: { amount: 300, currency: 'EUR' }, payment: { method: 'card', last4: '9090' } } });
    ctx.say(`Hal writes about the refund for ${order}.`);
    await ctx.send({
      type: 'contact.received',
      customer: { email },
      order: { id: order },
      data: { channel: 'web_form', subject: `Refund for ${order}`, text: `Where is my refund for ${order}?`, thread_ref: thread },
    });
    const customer = await ctx.findCustomer({ email });
    const first = await ctx.snapshot(customer);
    ctx.report(first);
    const caseId = first.cases[0]?.id;
    if (!caseId) return ctx.verdict(false, 'no case was opened, so there is nothing to reply to');
    const general = 'Hello Hal, refunds are processed within 5 to 10 business days after we receive the item. Kind regards';
    ctx.say('An agent answers with the general refund text.');
    await ctx.reply(caseId, { body: general });
    for (let i = 2; i <= 5; i++) {
      ctx.say(`Hal writes again (${i}): still no refund.`);
      await ctx.send({
        type: 'contact.received',
        customer: { email },
        order: { id: order },
        data: { channel: 'web_form', subject: `Refund for ${order}`, text: `Still no refund for ${order}. This is message number ${i}.`, thread_ref: thread },
      });
    }
    ctx.say('Another answer repeats the same general text word for word.');
    const again = await ctx.reply(caseId, { body: general });
    const after = await ctx.snapshot(customer);
    ctx.report(after, first);
    const flagged = again.findings.includes('repeated_reply');
    const risk = after.cases[0]?.risk?.score ?? 0;
    ctx.verdict(flagged, flagged ? `the repeated answer was held${risk ? `, and Hal's case carries a risk of ${risk}` : ''}` : 'the same general answer went out a second time');
  },
};
