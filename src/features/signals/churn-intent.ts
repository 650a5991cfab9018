// Crack C10: a customer saying they will stop buying ("I doubt I'll ever order again") must not get a
// form apology. Rules read one clause at a time; some carry their own negation ("never buy again"),
// the others are cancelled by one ("I'm not cancelling my account").
import type { SignalDetection } from './signal-result.js';
import { toClauseText, tokensInSpan, type ClauseText } from './clause-text.js';
import { analyseText, type AnalysedText } from './text-analysis.js';

const buy = '(?:buy|by|buying|order|ordering|shop|shopping|purchase|purchasing|use|using|spend|spending|deal|dealing|do business)';
/** Words that may sit between "buy" and "again" without turning it into a product ("never order the blue one again"). */
const filler = '(?:(?:from|with|at|you|your|here|this|that|site|shop|store|company|people|anything|a|thing|ever|the|of|them|us|lot|guys) ){0,5}';
const rival =
  '(?:(?:your |a |an )?(?:competitor|competitors|rival|rivals|amazon)|someone else|somebody else|(?:another|a different|a new) (?:store|shop|brand|company|retailer|supplier|site|seller|provider))';

/** Intents whose words already say "no more": a further negation is part of them, not against them. */
const refusals: readonly RegExp[] = [
  new RegExp(` (?:never|not|no longer) (?:(?!stop |quit |forget )\\w+ ){0,3}?${buy} ${filler}(?:again|anymore|any more) `),
  new RegExp(` (?:never|not) (?:(?!stop |quit )\\w+ ){0,3}?${buy} (?:from|with|at) (?:you|your|this|here) `),
  / (?:never|not) (?:\w+ ){0,2}?(?:coming back|come back|be back|returning) /,
  new RegExp(` (?:doubt|not sure|not think|can not see myself|no way) (?:\\w+ ){0,4}?${buy} ${filler}(?:again|anymore) `),
  / never again /,
  / (?:not|never) (?:\w+ ){0,1}(?:expect|see) (?:another|any more|my|a) (?:\w+ ){0,1}(?:order|money|business|penny|cent) /,
  / count me out /,
  new RegExp(` why would (?:i|we|anyone) (?:ever )?${buy} ${filler}(?:again|anymore) `),
  / (?:never|not) (?:\w+ ){0,3}?(?:give|giving|spend|spending) (?:\w+ ){0,5}?(?:money|penny|cent|business|custom) /,
  / no more (?:orders|purchases|business|money) (?:from|for) /,
];

/** Intents that a negation in front of them cancels ("I would never switch to a competitor"). */
const departures: readonly RegExp[] = [
  / (?:my|the|this|is) (?:first and )?(?:last|final) (?:order|purchase) /,
  new RegExp(` (?:last|final) time (?:i |we )?${buy} `),
  / (?:take|taking|move|moving|bring|spend|spending) (?:\w+ ){0,2}?(?:business|money|custom|cash) (?:\w+ ){0,2}?(?:elsewhere|somewhere else|to another|to a different|to your competitor) /,
  / (?:shop|shopping|buy|buying|order|ordering|go|going) (?:\w+ ){0,2}?(?:elsewhere|somewhere else) /,
  new RegExp(` (?:switch|switching|move|moving|go|going|leave|leaving|run|running) (?:you |over |back )?(?:to|for) ${rival} `),
  new RegExp(` (?:${buy}|get|getting) (?:\\w+ ){0,3}?(?:from|with|at) ${rival} `),
  / (?:use|using|find|try|trying) (?:a different|another|a new) (?:company|shop|store|supplier|retailer|brand|seller) /,
  new RegExp(` (?:use|using|go with|going with) ${rival} `),
  // Housekeeping is not leaving: "close my old account", "cancel my newsletter subscription".
  / (?:cancel|cancelling|canceling|close|closing|delete|deleting|terminate|terminating) (?:my|our|the) (?:(?!old |duplicate |second |other |extra |spare |test |newsletter |email |marketing |mailing |sms |text )\w+ )?(?:account|acount|membership|subscription) (?!(?:with|at) (?:my|the|a) (?:bank|card|credit|paypal))/,
  / (?:lost|losing) (?:a customer|me as a customer|my business|our business|a loyal customer) /,
  / (?:a|one) lost customer /,
  / (?:am|are) (?:so |just |really |completely )?done with (?:you|this company|this shop|this store|this site|your (?:company|shop|store|site|service)) /,
  / (?:am|are) (?:so |just |really |completely )?done $/,
  / (?:boycott|boycotting|former customer|ex customer) /,
];

/** Another person's plan ("my friend said she'd never buy again") is not this customer's. */
const someoneElse = / (?:he|she|they|friend|sister|brother|wife|husband|mother|father|mum|mom|dad|neighbour|neighbor|colleague) /;
/** Plans given up or conditional on something the customer asks us not to do. */
const withdrawn = / (?:was going to|were going to|was about to|were about to|almost|nearly|thought about|only if) /;
const negation = / (?:not|never|no) (?:\w+ ){0,3}$/;

function statesChurn(clause: ClauseText): boolean {
  const text = clause.text;
  if (withdrawn.test(text)) return false;
  const owner = (index: number): boolean => !someoneElse.test(text.slice(0, index + 1));
  for (const pattern of refusals) {
    const match = pattern.exec(text);
    if (match && owner(match.index)) return true;
  }
  for (const pattern of departures) {
    const match = pattern.exec(text);
    if (!match || !owner(match.index)) continue;
    // wink-nlp's negation scope runs on past a condition ("if this isn't fixed, I'm done with you"),
    // so after an "if" or "unless" only a negation right before the intent counts.
    const conditional = / (?:if|unless) /.test(text.slice(0, match.index + 1));
    const negatedByWink = !conditional && tokensInSpan(clause, match.index, match.index + match[0].length).some((token) => token.negated);
    if (!negatedByWink && !negation.test(text.slice(0, match.index + 1))) return true;
  }
  return false;
}

/**
 * Whether a customer message says they will stop buying ("I'll never buy from you again", "taking my
 * business elsewhere", "cancel my account", "switching to your competitor"). Negated or withdrawn plans
 * ("I'll never stop buying from you", "I'm not leaving") and other people's plans do not count.
 */
export function detectChurnIntent(text: string): SignalDetection {
  return findChurnIntent(analyseText(text));
}

/** detectChurnIntent over a message already read by `analyseText`, so one reading serves every detector. */
export function findChurnIntent(analysed: AnalysedText): SignalDetection {
  for (const sentence of analysed.sentences) {
    for (const clause of sentence.clauses) {
      if (statesChurn(toClauseText(clause))) return { detected: true, evidence: sentence.text };
    }
  }
  return { detected: false };
}
