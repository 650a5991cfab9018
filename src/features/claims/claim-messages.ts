// The customer-facing texts of claims: plain, short, with the one link the customer needs.
import { formatMoney, type Money } from '../../shared/values.js';
import { claimTypeLabels, documentLabels, type ClaimType, type DocumentKind, type ResolutionOption } from './claim.js';

const orderPhrase = (orderNumber: string | null) => (orderNumber ? `your order ${orderNumber}` : 'your order');

/**
 * The one message a new claim sends: that the claim is open, and the documents it needs, each with its link
 * (one message, not a notice followed by a request a second later).
 */
export function claimOpenedText(input: {
  type: ClaimType;
  orderNumber: string | null;
  caseToken: string;
  documents: readonly { kind: DocumentKind; link: string }[];
  dueDays: number;
  statusUrl: string | null;
}): { subject: string; body: string } {
  // It names the order's new state as its status page does ("There is a problem with the delivery").
  const what = input.type === 'non_delivery' ? 'it has not reached its destination' : 'it arrived damaged';
  const asks = input.documents.flatMap((document) => [`To settle it we need ${documentLabels[document.kind]}. It takes a few minutes online:`, document.link, '']);
  return {
    subject: `[${input.caseToken}] We have opened a claim for ${orderPhrase(input.orderNumber)}`,
    body: [
      'Hello,',
      '',
      `We are sorry: there is a problem with the delivery of ${orderPhrase(input.orderNumber)}. The carrier tells us ${what}. We have opened a ${claimTypeLabels[input.type]} claim (${input.caseToken}) and will see it through with you.`,
      '',
      ...asks,
      input.documents.length > 0
        ? `Please send ${input.documents.length === 1 ? 'it' : 'them'} within ${input.dueDays} days; we will remind you before then.`
        : 'We will write again as soon as it is settled.',
      ...(input.statusUrl ? ['', `You can see the status of your order here: ${input.statusUrl}`] : []),
    ].join('\n'),
  };
}

/** The reminder a document's commitment sends when it comes at risk: the one message of that timer. */
export function documentReminderText(input: { kind: DocumentKind; orderNumber: string | null; caseToken: string; link: string }): { subject: string; body: string } {
  return {
    subject: `[${input.caseToken}] Reminder: ${input.kind === 'declaration' ? 'please sign your declaration' : 'please send photos of the damage'}`,
    body: [
      'Hello,',
      '',
      `A reminder: to settle your claim for ${orderPhrase(input.orderNumber)} we are still waiting for ${documentLabels[input.kind]}. It takes a few minutes online:`,
      input.link,
      '',
      'As soon as it reaches us we will settle the claim.',
    ].join('\n'),
  };
}

export function resolutionText(input: { option: ResolutionOption; orderNumber: string | null; caseToken: string; amount: Money | null }): { subject: string; body: string } {
  const amount = input.amount ? formatMoney(input.amount) : '';
  const line: Record<ResolutionOption, string> = {
    refund: `We have issued a refund of ${amount} for ${orderPhrase(input.orderNumber)}. It reaches your original payment method within a few business days.`,
    store_credit: `We have added ${amount} of store credit to your account for ${orderPhrase(input.orderNumber)}.`,
    reship: `We are sending ${orderPhrase(input.orderNumber)} again, at no cost to you. You will get its tracking details when it ships.`,
  };
  return {
    subject: `[${input.caseToken}] Your claim is settled`,
    body: ['Hello,', '', line[input.option], '', 'Thank you for your patience.'].join('\n'),
  };
}
