// Words of customer-care complaints that a general-purpose sentiment lexicon reads as neutral: "late",
// "nobody answers", "third email", "still waiting". Each phrase found in a sentence lowers its score.
import type { ClauseText } from './clause-text.js';

/** How much one complaint phrase lowers a sentence's sentiment score. */
export const COMPLAINT_PHRASE_WEIGHT = -0.3;

const complaintPhrases: readonly RegExp[] = [
  / (?:late|delayed|overdue|broken|damaged|ruined|empty|missing|wrong|twice|ridiculous|unacceptable|useless|fobbed|downhill|incompetent|joke|rude|furious|fed up) /,
  / (?:nobody|no one|anyone) (?:\w+ ){0,2}?(?:answer|answers|replies|reply|tells|told|called|helps|helping|responds|cares|let|put) /,
  / (?:never|not) (?:\w+ ){0,2}?(?:received|got|arrived|heard|answered|replied|refunded|helped|shown up) /,
  / still (?:no|not|waiting|nothing|have not|has not|haven't|hasn't) /,
  / (?:no|not a) (?:reply|response|answer|news|update|call) /,
  / (?:same|generic|another) (?:\w+ )?(?:answer|reply|response|template|email) /,
  / (?:second|third|fourth|fifth|\d+(?:st|nd|rd|th)|\w+ times?) (?:time|email|message|call) /,
  / (?:\w+ )?times now /,
  / (?:waiting|waited) (?:\w+ ){0,3}?(?:weeks|days|months|hours|forever) /,
  / (?:done with (?:you|this|your|u)|done talking|had enough|enough is enough|never again) /,
  / (?:you keep|keeps) (?:sending|saying|telling) /,
];

/** The summed weight of complaint phrases in one clause. */
export function complaintScore(clause: ClauseText): number {
  return complaintPhrases.reduce((sum, pattern) => (pattern.test(clause.text) ? sum + COMPLAINT_PHRASE_WEIGHT : sum), 0);
}
