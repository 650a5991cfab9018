// Crack C9: a request for a manager or anyone more senior, in any wording, opens an escalation.
// Rules read one clause at a time: a senior person (or "escalate") plus a way of asking for them,
// unless the customer's own words say they do not want one or the person is someone else's manager.
import { matchWord } from './fuzzy-words.js';
import type { SignalDetection } from './signal-result.js';
import { toClauseText, tokensInSpan, type ClauseText } from './clause-text.js';
import { analyseText, type AnalysedText } from './text-analysis.js';

const seniorWords = new Set(['manager', 'managers', 'supervisor', 'supervisors', 'management', 'superior', 'escalate', 'escalated', 'escalation']);
// Real words one or two typos away from a senior word; they keep their own meaning.
const notTypos = new Set(['manage', 'manages', 'managed', 'managing', 'supervise', 'supervised', 'supervises', 'supervision', 'escalates']);

const target =
  '(?:manager|supervisor|(?:who|whoever) (?:runs|is in charge)|boss|superior|management|director|team leader|team lead|head of|' +
  '(?:someone|somebody|anyone|anybody|person|member of staff|staff member|one) (?:\\w+ ){0,1}?(?:in charge|more senior|senior|higher up|above you|with (?:\\w+ )?authority|higher)|' +
  'senior (?:member|staff|person|agent|manager|colleague)|higher (?:level|authority|up|ups))';

const targetPattern = new RegExp(` (?:${target})(?:s|'s)? `, 'g');
/** "My manager", "my wife's boss": the customer's own circle, not someone at the business. */
const otherSense = / (?:my|our) (?:(?!to |with |for |from |by |at )\w+ ){0,2}$/;
/** Job titles that are not a rung above the agent, unless the customer asks for "your" one. */
const otherRole = / (?:the|a|an) (?:account|project|product|line|office|delivery|warehouse|hiring|marketing|sales|property|community) $/;
/** "I am a manager", "as a supervisor": the customer's own job. */
const ownRole = / (?:am|as|be|was) an? $/;

/** Ways of reaching a person: within eight words of the senior person, on either side. */
const contactCue =
  / (?:speak|speaking|talk|talking|chat|word with|through to|transfer|connect|forward|pass|refer|send (?:this|it) up|escalate|involve|involved|loop in|call|calls|phone|ring|contact|get in touch|in touch|reach|see|review|look at|look into|raise|complaint to|complaint with|complain to|reviewed by|looked at by|handled by|dealt with by|arrange|deal with|discuss|get back to|available|around) /;
/** Ways of asking for something: within five words before the senior person. */
const wishCue = / (?:want|need|needs|demand|insist|request|ask for|asking for|asked for|like|get|(?:can|could|may) (?:i|we) have|bring|give|find|put|let) /;
const asksWhoOrWhere = /^ (?:who|where) (?:is|are) your $/;

const escalationRequest = [
  / escalate (?:this|it|my|the|that|me|to|matter|complaint|ticket|case|please)\b/,
  /^ (?:please )?escalate (?:please |now |asap )?$/,
  / please escalate $/,
  / (?:need|needs|want|like|get|be|have|request) (?:\w+ ){0,2}escalated /,
  / (?:want|need|request|like|ask for|asking for) (?:an |the )?escalation /,
];
/** Escalating to a lawyer or a bank is a threat, not a request for someone senior at the business. */
const outsideParty = / (?:lawyer|solicitor|attorney|bank|court|ombudsman|trading standards|bbb|police|regulator|press|media) /;

const negator = / (?:not|never|no|without) /g;
/** After a negation these words say the customer does NOT want a senior person ("no need", "don't want"). */
const declines = / (?:want|need|needs|needed|necessary|require|required|ask|asking|asked|request|demand|escalate|escalated|bother|involve|interested|looking|rather|reason|point|have to) /;
const doubleNegative = /^(?:\w+ ){0,1}(?:stop|stopping|quit) /;

// Customers reuse a small vocabulary, so each word's typo check is remembered (bounded, cleared when full).
const typoMemo = new Map<string, string>();

function rewriteSeniorTypo(word: string): string {
  const known = typoMemo.get(word);
  if (known !== undefined) return known;
  const rewritten = matchWord({ candidate: word, words: seniorWords, notTypos }) ?? word;
  if (typoMemo.size >= 50_000) typoMemo.clear();
  typoMemo.set(word, rewritten);
  return rewritten;
}

function wordsBetween(text: string): number {
  return text.trim() === '' ? 0 : text.trim().split(' ').length;
}

function asksForSeniorPerson(clause: ClauseText): boolean {
  const text = clause.text;
  for (const match of text.matchAll(targetPattern)) {
    const before = text.slice(0, match.index + 1);
    if (otherSense.test(before) || otherRole.test(before) || ownRole.test(before)) continue;
    const after = text.slice(match.index + match[0].length - 1);
    const beforeWords = before.trim().split(' ').slice(-8).join(' ');
    const afterWords = after.trim().split(' ').slice(0, 8).join(' ');
    // "was lovely on the phone" tells how a past call went; asking for one is caught by the cues around it.
    const pastCall = / on the (?:phone|line) /g;
    if (contactCue.test(` ${beforeWords} `.replace(pastCall, ' ')) || contactCue.test(` ${afterWords} `.replace(pastCall, ' '))) return true;
    const nearBefore = ` ${before.trim().split(' ').slice(-5).join(' ')} `;
    if (wishCue.test(nearBefore) || asksWhoOrWhere.test(before)) return true;
    // "Manager, please." / "Supervisor. Now.": the title alone, with nothing but urgency around it.
    const rest = `${before} ${after}`.replace(/ (?:please|now|asap|immediately|the|a|your|actual|right|there|here) /g, ' ');
    if (wordsBetween(rest) === 0) return true;
  }
  if (outsideParty.test(text)) return false;
  return escalationRequest.some((pattern) => pattern.test(text));
}

function declinesSeniorPerson(clause: ClauseText): boolean {
  for (const match of clause.text.matchAll(negator)) {
    const after = clause.text.slice(match.index + match[0].length);
    if (doubleNegative.test(after)) continue;
    // wink-nlp marks the words a negation reaches: "no supervisor necessary", "don't really need one".
    const reached = tokensInSpan(clause, match.index + match[0].length - 1, clause.text.length).filter((token) => token.negated);
    const words = ` ${reached.map((token) => token.normal).join(' ')} `;
    const lemmas = ` ${reached.map((token) => token.lemma).join(' ')} `;
    if (declines.test(words) || declines.test(lemmas)) return true;
  }
  return / (?:rather|need) not /.test(clause.text);
}

// Every rule above needs one of these words (after typos are read as the word meant): without any, no rule can fire.
const seniorCue = /^(?:bosse?s?|directors?|leads?|leaders?|head|charge|senior|higher|above|authority|runs|superiors?|escalat\w*)$/;

/**
 * False when no manager-request rule can fire on `text`, decided without the language model (no senior word,
 * typo-tolerant, and no other cue the rules need). Lets a reader of many messages skip the full reading.
 */
export function mayAskForSeniorPerson(text: string): boolean {
  for (const word of text.toLowerCase().match(/[a-z]+/g) ?? []) {
    if (seniorWords.has(rewriteSeniorTypo(word)) || seniorCue.test(word)) return true;
  }
  return false;
}

/**
 * Whether a customer message asks for a manager or anyone more senior ("may I speak to a manager",
 * "put me through to someone in charge", "escalate this"), tolerating typos ("manger", "supervisr").
 * A clause that declines one ("no need for a manager") or speaks of someone else's manager does not count.
 */
export function detectManagerRequest(text: string): SignalDetection {
  return findManagerRequest(analyseText(text));
}

/** detectManagerRequest over a message already read by `analyseText`, so one reading serves every detector. */
export function findManagerRequest(analysed: AnalysedText): SignalDetection {
  for (const sentence of analysed.sentences) {
    for (const clause of sentence.clauses) {
      const clauseText = toClauseText(clause, rewriteSeniorTypo);
      if (asksForSeniorPerson(clauseText) && !declinesSeniorPerson(clauseText)) {
        return { detected: true, evidence: sentence.text };
      }
    }
  }
  return { detected: false };
}
