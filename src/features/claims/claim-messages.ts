// The customer-facing texts of claims: plain, short, with the one link the customer needs.
import { formatMoney, type Money } from '../../shared/values.js';
import { claimTypeLabels, documentLabels, type ClaimType, type DocumentKind, type ResolutionOption } from './claim.js';

const orderPhrase = (orderNumber: string | null) => (orderNumber ? `your order ${orderNumber}` : 'your order');

export function claimOpenedText(input: { type: ClaimType; orderNumber: string | null; caseToken: string }): { subject: string; body: string } {
  const what = input.type === 'non_delivery' ? `${orderPhrase(input.orderNumber)} has not reached its destination` : `${orderPhrase(input.orderNumber)} arrived damaged`;
  return {
    subject: `[${input.caseToken}] We have opened a claim for ${orderPhrase(input.orderNumber)}`,
    body: [
      'Hello,',
      '',
      `We are sorry: the carrier tells us ${what}. We have opened a ${claimTypeLabels[input.type]} claim (${input.caseToken}) and will see it through with you.`,
      'We will write again with the one thing we need from you.',
    ].join('\n'),
  };
}

export function documentRequestText(input: { kind: DocumentKind; orderNumber: string | null; caseToken: string; link: string; dueDays: number; reminder: boolean }): { subject: string; body: string } {
  const opener = input.reminder ? `A reminder: we are still waiting for ${documentLabels[input.kind]}` : `To settle your claim for ${orderPhrase(input.orderNumber)} we need ${documentLabels[input.kind]}`;
  return {
    subject: `[${input.caseToken}] ${input.reminder ? 'Reminder: ' : ''}${input.kind === 'declaration' ? 'Please sign your declaration' : 'Please send photos of the damage'}`,
    body: [
      'Hello,',
      '',
      `${opener}. It takes a few minutes online:`,
      input.link,
      '',
      input.reminder ? 'As soon as it reaches us we will settle the claim.' : `Please send it within ${input.dueDays} days; we will remind you before then.`,
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
