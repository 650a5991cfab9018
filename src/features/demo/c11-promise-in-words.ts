// C11: "A supervisor will call you next week." Nobody does.
import type { DemoStory } from './demo-story.js';

export const promiseInWords: DemoStory = {
  crack: 'C11',
  title: 'A promise in words, forgotten',
  before: '"A supervisor will call you next week." Nobody does.',
  async play(ctx) {
    const email = ctx.email('kim');
    ctx.say('Kim asks why her warranty repair is taking so long.');
    await ctx.send({
      type: 'contact.received',
      customer: { email, name: 'Kim', phone: ctx.phone(1) },
      data: { channel: 'web_form', subject: 'Warranty repair', text: 'My warranty repair has taken six weeks. What is going on?' },
    });
    const customer = await ctx.findCustomer({ email });
    const before = await ctx.snapshot(customer);
    ctx.report(before);
    const caseId = before.cases[0]?.id;
    if (!caseId) return ctx.verdict(false, 'no case was opened, so there is nothing to reply to');
    ctx.say('The agent replies: "I am sorry for the wait. A supervisor will call you next week to sort it out."');
    await ctx.reply(caseId, { body: 'Hello Kim, I am sorry for the wait. A supervisor will call you next week to sort it out. Kind regards' });
    const promised = await ctx.snapshot(customer);
    ctx.report(promised, before);
    // Only a callback this reply opened counts (never one an earlier run left on the instance).
    const callback = promised.commitments.find((c) => c.kind === 'callback' && !before.commitments.some((b) => b.id === c.id));
    await ctx.advance({ seconds: 9 * 86_400, why: 'next week ends; unless someone called, the callback breaks and is escalated' });
    ctx.report(await ctx.snapshot(customer), promised);
    ctx.verdict(
      callback !== undefined,
      callback ? `the promised call became a callback commitment due ${callback.due_at ?? 'next week'}` : 'the promise in the reply was not read; nothing holds anyone to the call',
    );
  },
};
