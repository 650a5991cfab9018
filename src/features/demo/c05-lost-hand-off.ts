// C5: a complaint moves from a public social post to email at the company's request, and dies there.
import type { DemoStory } from './demo-story.js';

export const lostHandOff: DemoStory = {
  crack: 'C5',
  title: 'Lost hand-off',
  before: 'A complaint moves from a public social post to email at the company’s request — and dies there.',
  async play(ctx) {
    const email = ctx.email('eli');
    const handle = { network: 'twitter', id: `@eli_${ctx.order('')}` };
    const order = ctx.order('5005');
    ctx.say(`Eli bought ${order} with his email and his Twitter handle ${handle.id} on file.`);
    await ctx.send({ type: 'order.placed', customer: { email, handle, name: 'Eli' }, order: { id: order, total: { amount: 60, currency: 'EUR' }, payment: { method: 'card', last4: '8080' } } });
    ctx.say('He complains publicly on Twitter that his order never arrived.');
    await ctx.send({ type: 'contact.received', customer: { handle }, data: { channel: 'social', text: `@shop my order ${order} never arrived, two weeks now`, thread_ref: `tw-${handle.id}` } });
    ctx.say('The shop answers on Twitter: "Sorry! Please email us the details at support@…".');
    await ctx.send({
      type: 'message.sent',
      customer: { handle },
      data: { channel: 'social', to: handle.id, text: 'Sorry to hear that! Please email us the details so we can look into it.', thread_ref: `tw-${handle.id}`, author: 'social-team' },
    });
    ctx.say('Eli emails as asked.');
    const raw = [
      `From: Eli <${email}>`,
      'To: support@kept.local',
      `Subject: Order ${order} never arrived`,
      `Message-ID: <eli-${ctx.order('')}@example.com>`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      `As asked on Twitter: my order ${order} never arrived.`,
      '',
    ].join('\r\n');
    const mailed = await ctx.api.postRaw('/api/v1/inbound/email', raw, 'message/rfc822');
    if (mailed.status >= 300) {
      ctx.saw(`has no email intake over HTTP here (${mailed.status}); the email is sent as a contact event instead`);
      await ctx.send({
        type: 'contact.received',
        customer: { email },
        order: { id: order },
        data: { channel: 'web_form', subject: `Order ${order} never arrived`, text: `As asked on Twitter: my order ${order} never arrived.` },
      });
    }
    const customer = await ctx.findCustomer({ email });
    const byHandle = await ctx.findCustomer({ handle: `${handle.network}:${handle.id}` });
    ctx.saw(customer && customer === byHandle ? 'the email and the handle are one customer' : `email customer ${customer ?? 'none'}, handle customer ${byHandle ?? 'not found by handle'}`);
    const seen = await ctx.snapshot(customer);
    ctx.report(seen);
    const followed = customer !== null && customer === byHandle && seen.cases.length === 1 && (seen.cases[0]?.channels?.length ?? 0) >= 2;
    ctx.verdict(
      followed,
      followed ? `one case follows Eli across ${seen.cases[0]?.channels?.join(' and ') ?? 'his channels'}, with its owner and commitments` : `${seen.cases.length} case(s) hold Eli's complaint`,
    );
  },
};
