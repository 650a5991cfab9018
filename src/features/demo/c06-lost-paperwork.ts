// C6: a non-delivery claim's declaration goes to the gift's recipient, comes back, and is lost.
import type { DemoStory } from './demo-story.js';

export const lostPaperwork: DemoStory = {
  crack: 'C6',
  title: 'Lost paperwork',
  before: 'A non-delivery claim needs a signed declaration; the form is posted to the gift’s recipient, comes back, and is lost.',
  async play(ctx) {
    const email = ctx.email('fay');
    const recipient = ctx.email('gus');
    const order = ctx.order('6006');
    ctx.say(`Fay sends ${order} as a surprise gift to Gus (${recipient}).`);
    await ctx.send({
      type: 'order.placed',
      customer: { email, name: 'Fay' },
      order: {
        id: order,
        total: { amount: 150, currency: 'EUR' },
        payment: { method: 'card', last4: '3131' },
        ship_to: { name: 'Gus', address: '1 Elm Street', is_gift: true, recipient_email: recipient },
      },
    });
    ctx.say('The carrier loses the parcel; Fay files a non-delivery claim.');
    await ctx.send({ type: 'order.delivery_exception', customer: { email }, order: { id: order }, data: { reason: 'lost_in_transit' } });
    await ctx.send({
      type: 'contact.received',
      customer: { email },
      order: { id: order },
      data: { channel: 'web_form', subject: 'Claim: gift never arrived', text: `My gift order ${order} never arrived. I want to file a claim.` },
    });
    const customer = await ctx.findCustomer({ email });
    const before = await ctx.snapshot(customer);
    ctx.report(before);
    const documents = before.cases.flatMap((c) => c.documents ?? []);
    ctx.saw(
      documents.length
        ? `tracks ${documents.length} document(s): ${documents.map((d) => `${d.kind ?? '?'} ${d.state ?? '?'}`).join(', ')}`
        : 'tracks no claim document on this case (no claims feature answered)',
    );
    await ctx.advance({ seconds: 2 * 86_400, why: 'the declaration’s reminder falls due if the form has not come back' });
    const after = await ctx.snapshot(customer);
    ctx.report(after, before);
    const toRecipient = after.outbox.filter((o) => o.to === recipient);
    ctx.saw(toRecipient.length ? `wrote to the recipient ${toRecipient.length} time(s): the surprise is spoilt` : 'sent nothing to the recipient: the surprise is kept');
    const tracked = documents.length > 0 && toRecipient.length === 0;
    ctx.verdict(tracked, tracked ? 'the declaration is a tracked document with a reminder, and the recipient was never written to' : 'the claim has no tracked declaration');
  },
};
