// Reads a clause's words: is it a commitment at all, what was promised, and who will keep it.

import type { Clause } from './split-clauses.js';
import type { AuthorRole, PromiseKind, PromiseOwner } from './promise.js';

// Strong cues name the promised thing itself; the first one after the subject decides the kind.
const strongCues: ReadonlyArray<readonly [PromiseKind, RegExp]> = [
  ['callback', /\b(?:call|calls|calling|callback|call-back|ring|phone|phoning|telephone)\b/i],
  ['refund', /\b(?:refund|refunds|refunded|refunding|reimburse\w*|money back|credit\w*)\b/i],
  ['document', /\b(?:form|forms|document|documents|label|labels|invoice|invoices|receipt|receipts|paperwork|certificate|contract|voucher|quote|copy of|pdf|agreement)\b/i],
  ['update', /\b(?:update|updates|updated|let you know|keep you (?:posted|informed|updated)|inform you|notify you|advise you|confirm\w*)\b/i],
  ['delivery', /\b(?:deliver|delivers|delivered|delivery|arrive|arrives|arriving|ship|ships|shipped|dispatch\w*|replacement|parcel|package|courier)\b/i],
  ['follow_up', /\b(?:get back to|reply|replies|respond|response|answer|be in touch|get in touch|hear from|hear back|contact you|reach out|follow up|follow-up|come back to you|back to you)\b/i],
];

// Weak cues carry a promise to act without naming what the customer will see: a follow-up, usually vague.
const weakCues = /\b(?:email|e-mail|message|write to|send you|look into|looking into|investigate|check|find out|sort|take care|resolve|resolved|fix|handle|escalate|chase|pass (?:it|this) on|be with you)\b/i;

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
const authorSubject = /^(?:i|me)$|\blet me\b/i;
const fromAuthor = /\bfrom me\b|\bmyself\b/i;

// A promise that waits on the customer is an offer, not yet a commitment: "if you send the photo, we'll refund".
const onCustomer = /\b(?:if|unless|once|as soon as|provided(?: that)?|in case|when|after)\s+(?:you|you've|you're|your)\b|\b(?:once|when|as soon as|after)\s+we\s+(?:receive|get|have)\s+(?:the|your)\b|\bshould you\b/i;
// Asking the customer to act: "you'll need to send", "I'll need you to call".
const requestToCustomer = /\b(?:need|needs|have|has|must|want|ask|require)\s+(?:you\s+)?to\b|\byou\s+to\b/i;
const questionStart = /^(?:shall|should|would|could|can|may|do|did|will|are|is)\s+(?:i|we|you)\b/i;

export interface ClauseReading {
  readonly kind: PromiseKind;
  readonly owner: PromiseOwner;
}

function firstStrongKind(text: string): PromiseKind | null {
  let best: { kind: PromiseKind; at: number } | null = null;
  for (const [kind, cue] of strongCues) {
    const m = cue.exec(text);
    if (m && (best === null || m.index < best.at)) best = { kind, at: m.index };
  }
  return best?.kind ?? null;
}

function isCommitment(clause: Clause): boolean {
  if (clause.negated) return false;
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
  if (authorSubject.test(clause.subject) || /^\s*let me\b/i.test(clause.body)) return byPerson();
  if (/^you$/i.test(clause.subject) && fromAuthor.test(clause.predicate)) return byPerson();
  return 'team';
}

/** What a clause commits to and who keeps it; null when it is no commitment (refused, asked, offered, requested). */
export function readClause(clause: Clause, authorRole: AuthorRole): ClauseReading | null {
  if (!isCommitment(clause)) return null;
  const kind = firstStrongKind(clause.predicate) ?? firstStrongKind(clause.subject) ?? (weakCues.test(clause.predicate) ? 'follow_up' : null);
  if (kind === null) return null;
  return { kind, owner: readOwner(clause, authorRole) };
}
