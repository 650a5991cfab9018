// C9: "May I speak to a manager?" in every email; no manager ever calls.
import type { DemoStory } from './demo-story.js';

export const ignoredEscalation: DemoStory = {
  crack: 'C9',
  title: 'Ignored escalation',
  before: '"May I speak to a manager?" in every one of those 28 emails; no manager ever calls.',
  async play(ctx) {
    const email = ctx.email('ivy');
    ctx.say('Ivy writes: "This is the third time. Could somebody senior look at this? I would like to talk to your supervisor."');
    await ctx.send({
      type: 'contact.received',
      customer: { email, name: 'Ivy' },
      data: { channel: 'web_form', subject: 'Third time', text: 'This is the third time I write. Could somebody senior look at this? I would like to talk to your supervisor.' },
    });
    const customer = await ctx.findCustomer({ email });
    const before = await ctx.snapshot(customer);
    ctx.report(before);
    const escalation = before.commitments.find((c) => c.kind === 'escalation');
    ctx.saw(
      escalation
        ? `the escalation is owned by ${escalation.owner_id ?? 'the managers’ queue'}${escalation.owner_id && escalation.owner_id === ctx.staff.manager ? ' (the demo’s manager)' : ''}`
        : 'opened no escalation commitment for the request',
    );
    await ctx.advance({ seconds: 5 * 3600, why: 'the escalation deadline passes unless a manager has answered' });
    ctx.report(await ctx.snapshot(customer), before);
    const flagged = before.cases.some((c) => c.escalated);
    ctx.verdict(
      escalation !== undefined,
      escalation
        ? 'the request for a supervisor became an escalation commitment a manager owns'
        : flagged
          ? 'the case is marked escalated, but no escalation commitment holds a manager to answering by a deadline'
          : 'the request for a supervisor was not noticed',
    );
  },
};
