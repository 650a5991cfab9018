// Reads a clause's words: is it a commitment at all, what was promised, and who will keep it.

import type { Clause } from './split-clauses.js';
import type { AuthorRole, PromiseKind, PromiseOwner } from './promise.js';

// Cues name the promised thing; the first one after the subject decides the kind. Verbs come before nouns
// that only name an object ("I'll write back once I've heard from the courier" promises a reply, not a delivery).
const verbCues: ReadonlyArray<readonly [PromiseKind, RegExp]> = [
  // A call to someone else ("I'll call the bank") is not a callback; the customer is called, or called back.
  [
    'callback',
    /\b(?:(?:call|calls|calling|ring|ringing|phone|phoning|telephone)\s+(?:you|back|again)|callback|call-back|call back|(?:a|the|your)\s+(?:\w+\s+)?(?:call|ring|phone call)|give you a (?:call|ring|bell))\b|^\s*(?:call|ring|phone)\s*(?:[.,;!]|$|\s(?:today|tomorrow|tonight|on|at|by|in|within|this|next|before|later|shortly|soon)\b)/i,
  ],
  ['refund', /\b(?:refund|refunds|refunded|refunding|reimburse\w*|money back|credit|credits|credited|crediting)\b/i],
  ['document', /\b(?:form|forms|document|documents|label|labels|invoice|invoices|receipt|receipts|paperwork|certificate|contract|voucher|quote|report|copy of|pdf|agreement)\b/i],
  ['update', /\b(?:update|updates|updated|let you know|keep you (?:posted|informed|updated)|inform you|notify you|advise you|confirm\w*)\b/i],
  // A "non-delivery claim" names a claim, not a delivery.
  ['delivery', /\b(?<!non-)(?:deliver|delivers|delivered|delivery|arrive|arrives|arriving|ship|ships|shipped|dispatch\w*|replace|replaced|collect|collected)\b/i],
  [
    'follow_up',
    /\b(?:get back to|reply|replies|respond|response|answer|be in touch|get in touch|hear from|hear back|contact you|contacted|reach out|follow up|follow-up|write back|come back to you|back to you)\b/i,
  ],
];
const objectCues: ReadonlyArray<readonly [PromiseKind, RegExp]> = [['delivery', /\b(?:replacement|parcel|package|courier|driver)\b/i]];
// In "the refund form" or "the replacement label" the last noun is the thing promised.
const compoundHeads = /\b(?:refund|replacement|delivery|return|returns|tracking)\s+(?=(?:form|forms|label|labels|confirmation|update|invoice|receipt|paperwork|document|documents)\b)/gi;

// Weak cues carry a promise to act without naming what the customer will see: a follow-up, usually vague.
const weakCues =
  /\b(?:email|e-mail|message|write to|send you|look into|looking into|investigate|check|find out|sort\w*|take care|resolve\w*|fix\w*|handle|escalate|chase|pass (?:it|this) on|be with you)\b/i;

const managerWord = /\b(?:supervisor|supervisors|manager|managers|team lead|team leader|senior (?:agent|colleague|advisor|adviser)|head of)\b/i;
// A manager who acts: "a supervisor will…", "I'll have my manager call", "a call from a manager", "a manager who will".
const managerActs = new RegExp(
  [
    '\\b(?:have|get|ask|asked|arrange for|arranged for|booked|book|schedule|scheduled)\\s+(?:a|my|the|our|one of our)\\s+(?:\\w+\\s+)?(?:supervisor|manager|team lead|team leader)',
    '\\bfrom\\s+(?:a|my|the|our|one of our)\\s+(?:\\w+\\s+)?(?:supervisor|supervisors|manager|managers|team lead|team leader)',
    '\\b(?:supervisor|manager|team lead|team leader)s?\\s+(?:who|which)\\s+will',
  ].join('|'),
  'i',
);
// "I'll have someone from claims call you", "I'll get the courier to deliver it": the one asked does it.
const delegated =
  /\b(?:have|get|ask|asked|arrange for|arranged for|book|booked)\s+((?:someone|somebody)(?:\s+[\w']+){0,6}?|(?:a|an|my|the|our|one of our)(?:\s+[\w']+){1,6}?)\s+(?:to\s+)?(?:call|ring|phone|email|contact|send|deliver|reply|get back|be in touch|come)\b/i;
const authorSubject = /^(?:i|me)$|^i promise\b|\blet me\b/i;
const fromAuthor = /\bfrom me\b|\bmyself\b/i;

// A promise that waits on the customer is an offer, not yet a commitment: "if you send the photo, we'll refund".
const onCustomer =
  /\b(?:if|unless|provided(?: that)?|in case)\s+(?:you|you've|you're|your)\b|\b(?:once|as soon as|when|after)\s+(?:you|you've|you're)\b|\b(?:once|when|as soon as|after)\s+we\s+(?:receive|get|have)\s+(?:the|your)\b|\bshould you\b/i;
// Asking the customer to act: "you'll need to send", "I'll need you to call".
const requestToCustomer = /\b(?:need|needs|have|has|must|want|ask|require)\s+(?:you\s+)?to\b|\byou\s+to\b/i;
const questionStart = /^(?:shall|should|would|could|can|may|do|did|will|are|is)\s+(?:i|we|you)\b/i;

export interface ClauseReading {
  readonly kind: PromiseKind;
  readonly owner: PromiseOwner;
}

function firstCue(text: string, cues: ReadonlyArray<readonly [PromiseKind, RegExp]>): PromiseKind | null {
  const words = text.replace(compoundHeads, '');
  let best: { kind: PromiseKind; at: number } | null = null;
  for (const [kind, cue] of cues) {
    const m = cue.exec(words);
    if (m && (best === null || m.index < best.at)) best = { kind, at: m.index };
  }
  return best?.kind ?? null;
}

function isCommitment(clause: Clause): boolean {
  if (clause.negated || /^(?:nobody|no one|none)\b/i.test(clause.subject)) return false;
  const whole = clause.lead + clause.body;
  if (/\?\s*$/.test(clause.body) || questionStart.test(whole.trim())) return false;
  if (onCustomer.test(whole)) return false;
  const subjectIsCustomer = /^you$/i.test(clause.subject);
  if (subjectIsCustomer && requestToCustomer.test(clause.predicate.slice(0, 30))) return false;
  if (!subjectIsCustomer && /^\s*(?:need|ask|want|require)\s+you\b/i.test(clause.predicate)) return false;
  return true;
}

function readOwner(clause: Clause, authorRole: AuthorRole): PromiseOwner {
  const byPerson = (): PromiseOwner => (authorRole === 'template' ? 'team' : 'author');
  if (managerWord.test(clause.subject) || managerActs.test(clause.body)) return 'manager';
  if (delegated.test(clause.body)) return 'team';
  if (authorSubject.test(clause.subject) || /^\s*let me\b/i.test(clause.body)) return byPerson();
  if (/^you$/i.test(clause.subject) && fromAuthor.test(clause.predicate)) return byPerson();
  return 'team';
}

/** What a clause commits to and who keeps it; null when it is no commitment (refused, asked, offered, requested). */
export function readClause(options: { readonly clause: Clause; readonly authorRole: AuthorRole }): ClauseReading | null {
  const { clause, authorRole } = options;
  if (!isCommitment(clause)) return null;
  const kind =
    firstCue(clause.predicate, verbCues) ??
    firstCue(clause.subject, verbCues) ??
    firstCue(clause.subject + ' ' + clause.predicate, objectCues) ??
    // "The refund has been approved and will reach you…": the subject was said before "and".
    (clause.subject === '' ? firstCue(clause.lead, verbCues) : null) ??
    (weakCues.test(clause.predicate) ? 'follow_up' : null);
  if (kind === null) return null;
  return { kind, owner: readOwner(clause, authorRole) };
}
