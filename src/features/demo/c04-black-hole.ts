// C4: a web-form complaint and a survey asking for contact get no answer for weeks.
import type { DemoStory } from './demo-story.js';

export const blackHole: DemoStory = {
  crack: 'C4',
  title: 'Black hole',
  before: 'A web-form complaint, a survey "please contact me", an email: nothing comes back for weeks.',
  async play(ctx) {
    const email = ctx.email('dora');
    ctx.say('Dora complains on the web form that her parcel arrived damaged.');
    await ctx.send({
      type: 'contact.received',
      customer: { email, name: 'Dora' },
      data: { channel: 'web_form', subject: 'Damaged parcel', text: 'My parcel arrived crushed and the vase inside is broken.' },
    });
    ctx.say('She also answers the satisfaction survey: 2 out of 10, "please contact me" ticked.');
    await ctx.send({ type: 'survey.responded', customer: { email }, data: { score: 2, comment: 'Broken vase, nobody answers.', contact_requested: true } });
    const customer = await ctx.findCustomer({ email });
    const before = await ctx.snapshot(customer);
    ctx.report(before);
    await ctx.advance({ seconds: 10 * 60, why: 'the acknowledgement deadline passes; no agent has written, so Kept acknowledges itself' });
    const after = await ctx.snapshot(customer);
    ctx.report(after, before);
    const answered = after.commitments.some((c) => c.kind === 'first_response' || c.kind === 'follow_up');
    ctx.verdict(
      answered,
      answered
        ? `a human answer is owed to Dora by a deadline${after.outbox.some((o) => o.status === 'sent') ? ', and she was acknowledged within minutes' : ''}`
        : 'Dora heard nothing back and nothing holds anyone to answering her',
    );
  },
};
