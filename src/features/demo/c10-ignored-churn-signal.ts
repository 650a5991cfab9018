// C10: "I doubt I'll ever buy from you again" gets a form apology.
import type { DemoStory } from './demo-story.js';

export const ignoredChurnSignal: DemoStory = {
  crack: 'C10',
  title: 'Ignored churn signal',
  before: '"I doubt I’ll ever buy from you again" gets a form apology.',
  async play(ctx) {
    const email = ctx.email('jo');
    const order = ctx.order('1010');
    ctx.say(`Jo, a loyal customer, spent €1,250 on ${order}; it arrives late and incomplete.`);
    await ctx.send({ type: 'order.placed', customer: { email, name: 'Jo' }, order: { id: order, total: { amount: 1250, currency: 'EUR' }, payment: { method: 'card', last4: '7070' } } });
    ctx.say('Jo writes: "Frankly, after this I doubt I\'ll ever buy from you again. Very disappointed."');
    await ctx.send({
      type: 'contact.received',
      customer: { email },
      order: { id: order },
      data: { channel: 'web_form', subject: `Order ${order}`, text: `Frankly, after this I doubt I'll ever buy from you again. Very disappointed with order ${order}.` },
    });
    const customer = await ctx.findCustomer({ email });
    const seen = await ctx.snapshot(customer);
    ctx.report(seen);
    const risk = seen.cases[0]?.risk;
    ctx.saw(risk?.score ? `scored the risk ${risk.score}${risk.signals?.length ? ` because: ${risk.signals.map((s) => s.detail ?? s.code).join('; ')}` : ''}` : 'gave the case no risk score');
    const queue = (seen.cases[0] as { queue?: unknown } | undefined)?.queue;
    if (typeof queue === 'string') ctx.saw(`routed the case to the ${queue} queue`);
    ctx.verdict(Boolean(risk?.score), risk?.score ? 'the churn signal raised the case’s risk, with its reasons shown' : 'the churn signal went unnoticed');
  },
};
