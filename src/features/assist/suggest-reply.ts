// Drafts the reply an agent may send: one fixed sentence per explained identifier, filled only with values
// from the records, and the recorded reason in the catalog's own words. Nothing is invented; the draft is
// audited like any reply before it is offered, and is never sent by itself. Pure.
import { formatMoney } from '../../shared/values.js';
import { stateWord, withArticle, type Explained, type Match } from './explain.js';

export interface SuggestedFact {
  kind: Match['kind'];
  value: string;
  record: Explained['record'];
}

export interface DraftedReply {
  body: string;
  facts: SuggestedFact[];
  reasonCode: string | null;
}

function sentenceFor(explained: Explained): { sentence: string; value: string } | undefined {
  const { identifier, match } = explained;
  switch (match.kind) {
    case 'order_suffix': {
      const said = identifier.label === 'card' || identifier.label === 'account' ? `, not ${withArticle(identifier.label)} number` : '';
      return { sentence: `${identifier.digits} is the end of your order number ${match.order.number}${said}.`, value: match.order.number };
    }
    case 'order_number':
      return { sentence: `Your order ${match.order.number} is ${stateWord(match.order.state)}.`, value: match.order.number };
    case 'card_last4':
    case 'account_last4': {
      const what = match.kind === 'card_last4' ? 'card' : 'account';
      return match.movement
        ? { sentence: `The ${match.movement.what} of ${formatMoney(match.movement.amount)} for order ${match.order.number} went to your ${what} ending in ${match.last4}.`, value: match.last4 }
        : { sentence: `Your card ending in ${match.last4} paid for order ${match.order.number}.`, value: match.last4 };
    }
    case 'tracking_number':
    case 'tracking_suffix':
      return { sentence: `The tracking number of your order ${match.order.number} is ${match.order.tracking!.number}.`, value: match.order.tracking!.number };
    case 'amount':
      return match.role === 'total'
        ? { sentence: `${formatMoney(match.order.total!)} is the total of your order ${match.order.number}.`, value: formatMoney(match.order.total!) }
        : { sentence: `${formatMoney(match.movement!.amount)} is the ${match.role} for your order ${match.order.number}.`, value: formatMoney(match.movement!.amount) };
    case 'date':
      return { sentence: `Your order ${match.order.number} was ${stateWord(match.state)} on ${match.day}.`, value: match.day };
    case 'phone':
      return { sentence: `The number ending in ${identifier.digits.slice(-4)} is the phone number we have on record for you.`, value: identifier.digits.slice(-4) };
    case 'case_number':
    case 'claim_number':
      return { sentence: `${match.caseRef.token} is the reference of your ${match.kind === 'claim_number' ? 'claim' : 'case'}.`, value: match.caseRef.token };
    case 'unknown':
      return { sentence: `We could not find ${identifier.text} in our records for you; could you tell us where you saw it?`, value: identifier.text };
  }
}

// Where the money went, when the customer thought a number was their card or account and it is not.
function moneySentences(explained: readonly Explained[]): Explained[] {
  const misread = explained.filter((entry) => (entry.identifier.label === 'card' || entry.identifier.label === 'account') && entry.match.kind !== 'card_last4' && entry.match.kind !== 'account_last4');
  const orders = misread.flatMap((entry) => ('order' in entry.match ? [entry.match.order] : []));
  return orders.flatMap((order) =>
    order.movements
      .filter((movement) => movement.to)
      .map(
        (movement): Explained => ({
          identifier: { text: movement.to!.last4, shape: 'digits', start: -1, label: movement.to!.kind, digits: movement.to!.last4 },
          match: { kind: movement.to!.kind === 'card' ? 'card_last4' : 'account_last4', order, last4: movement.to!.last4, movement },
          record: { type: 'order', id: order.number },
          explanation: '',
        }),
      ),
  );
}

/**
 * The suggested reply for a case: a sentence per identifier (each once, records first, "not found" last),
 * where the money went when the customer mistook a number for a card or account, and the recorded reason.
 */
export function draftReply(options: { name: string | null; explained: readonly Explained[]; reason: { code: string; text: string; orderNumber: string } | null }): DraftedReply | null {
  if (options.explained.length === 0 && !options.reason) return null;
  const ordered = [
    ...options.explained.filter((entry) => entry.match.kind !== 'unknown'),
    ...moneySentences(options.explained),
    ...options.explained.filter((entry) => entry.match.kind === 'unknown'),
  ];
  const sentences: string[] = [];
  const facts: SuggestedFact[] = [];
  for (const entry of ordered) {
    const drafted = sentenceFor(entry);
    if (!drafted || sentences.includes(drafted.sentence)) continue;
    sentences.push(drafted.sentence);
    facts.push({ kind: entry.match.kind, value: drafted.value, record: entry.record });
  }
  if (options.reason) sentences.push(`About your order ${options.reason.orderNumber}: ${options.reason.text}`);
  const greeting = options.name ? `Hello ${options.name},` : 'Hello,';
  return { body: [greeting, '', ...sentences, '', 'Kind regards'].join('\n'), facts, reasonCode: options.reason?.code ?? null };
}
