// Training wordings for a request for a manager or anyone more senior. Positives cover questions, demands,
// requests to escalate or to be called back by someone senior, bare titles and typos; hard negatives use the
// same words without asking ("my manager at work", "your store manager was great", "no need to escalate").

const senior =
  '{a manager|the manager|your manager|a supervisor|your supervisor|the supervisor|your boss|your superior|a team leader|your team lead|someone in charge|the person in charge|someone more senior|somebody senior|a senior member of staff|someone higher up|management|the head of customer service|the customer service manager|a duty manager|the store manager|your line manager|someone with authority|whoever is in charge|a manger|ur manager|a supervisr|ur boss}';
const contact = '{call|ring|phone|email|contact|get back to|reach out to}';

export const managerPositives: readonly string[] = [
  `{Can|Could|May|Please can|Can i} {I|i} {speak|talk|have a word|chat} {to|with} ${senior}[ {please|pls|now|today|about this|about my order}]?`,
  `{I want|I need|I'd like|I would like|I demand|I insist on speaking|I wish} to {speak|talk} {to|with} ${senior}[ {now|right now|immediately|please|today}]`,
  `{Please|Kindly|Can you|Could you|I want you to} {escalate|pass|forward|send|refer|hand} {this|my complaint|my case|my ticket|my email|this issue|me} {to|up to|on to} ${senior}`,
  `{Please|Can you|Could you|Just} {put me through|transfer me|connect me|get me through} to ${senior}`,
  `{Get|Put|Bring} {me |}${senior} {on the phone|on the line|involved|in here|now}`,
  `{Have|Get|Ask} ${senior} to ${contact} me[ {today|asap|on 07700 900456|this afternoon}]`,
  `{I'd like|I want|I need|I'm requesting} {a call|a callback|a call back|an email} from ${senior}`,
  `{Escalate|Please escalate|Escalate please|Escalation please|I need this escalated|I want this escalated}[ {now|asap|immediately|this}][.]`,
  `{Can|Could|Will} you escalate {this|it|my case|my complaint} {please|to someone senior|to a manager|}?`,
  `{Manager|Supervisor|Your manager|Your supervisor|Manager please|Supervisor please}{.|!|, please.|, now.|!!}`,
  `{Who is|Who's|Where is} {your manager|your supervisor|your boss|in charge}? {I want|I'd like|I need} to {speak|talk} to {them|him|her}`,
  `{Is there|Is there not} {anyone|someone|somebody} {above you|more senior|higher up|in charge|with more authority} {I can|I could} {speak|talk} to?`,
  `{I want|I'd like|I need} ${senior} to {review|look at|look into|deal with|handle|sort out} {this|my case|my complaint|my refund}`,
  `{I want|I'd like|I wish} to {make|file|lodge|raise} a {formal |}complaint {with|to} ${senior}`,
  `{Is|Is there} ${senior} {available|around|on duty|there}?[ {I'd like|I need} to speak to them]`,
  `{You|This agent|Your colleague} {clearly |obviously |}{can't|cannot|won't} help[,|.] {so |}{get|put me through to|let me speak to} ${senior}`,
  `{I'm|I am} not {talking|speaking|dealing} {to|with} you {anymore|any more}[,|.] {I want|get me} ${senior}`,
  `{I|We} {need|want} {someone|somebody} {senior|more senior|in management|with authority|higher up} to {call|look at|deal with|handle} {this|me}`,
  `{Please |}{let|have} ${senior} {know|call me|get in touch}[, I {want|need} to {speak|talk} to them]`,
  `{I'd|I would} rather {speak|talk} to ${senior}[ {than go through this again|than you|thanks}]`,
  `{I will|I'll} only {discuss|talk about} this with ${senior}`,
  `{Loop in|Involve|Bring in|Get} ${senior}[ {please|now}]`,
  `{Send|Kick|Push} this {up the chain|upstairs|higher|up a level}[ {please|now}]`,
  `{Give me|Find me|I want} {the number|the contact details|the email} {of|for} ${senior}`,
  `{Can I|May I} {request|ask for|have} ${senior}[ {please|to call me}]?`,
  `{This|My case|This complaint} {needs|deserves} {a manager's attention|to go to management|to be escalated|a supervisor}`,
  `{I'd like|I want|I wish} to be {escalated|transferred} {to a higher level|to someone senior|to a manager}`,
  `{Can|Could} {I|we} {get|have} ${senior} {to look at|on|to review} {this|my order|the call}?`,
];

export const managerHardNegatives: readonly string[] = [
  `{Your|The} {manager|supervisor|team leader} {Sarah|Linda|Tom|Raj} was {lovely|very kind|so helpful} {on the phone|in store|yesterday}[, please pass on my thanks]`,
  `{I'm|I am|I work as} {a store manager|a supervisor|in management|a team leader|a project manager} and {would like|need|want} {a trade account|an invoice|a bulk price}`,
  `{The|Our} {supervisor|manager|team leader} {of our team|at the office} {placed|made} this order {for the office|for us}`,
  `{I|We} {spoke|talked} to {a|your} {manager|supervisor} {last week|yesterday} and {it's|it is|everything is} {sorted|fine} now`,
  `{Can|Could} you {forward|send} {this|the invoice|the receipt} to {our|my} {accounts team|office manager|finance team}?`,
  `{My|Our} {manager|boss|supervisor} {at work |}{recommended|suggested|asked me to|told me to} {you|your shop|chase this invoice|contact you|order from you}`,
  `{Your|The} {store|shop|branch|delivery} {manager|supervisor} was {great|really helpful|lovely|very kind}[, {thank you|please pass on my thanks}]`,
  `{The|Your} {account|project|product|marketing|property|warehouse} manager {sent|emailed|gave} me {the invoice|a quote|the details}`,
  `I {managed|finally managed} to {find|get} {the tracking link|my parcel|the code}[, {thanks|ignore my last email}]`,
  `{Things|It|The situation} escalated with the {courier|neighbour|driver} but {it's|it is} {fine|sorted} now`,
  `{I've|I have} {already |}{spoken|talked} to your {manager|supervisor} {and|who} {she|he} {sorted it|fixed it|was great}`,
  `{No need|There's no need} {for a manager|to escalate|for a supervisor}[, {thanks|I just want the tracking number}]`,
  `{I don't|I do not} {want|need} {to talk to|to speak to|} {a manager|a supervisor|it escalated}[, just {a refund|an update|my parcel}]`,
  `{I will|I'll} escalate this to {my bank|my lawyer|my credit card company|trading standards} {if|unless} {the charge isn't reversed|I get my money back}`,
  `{I'm|I am} {a manager|the office manager|a supervisor} {at|for} {a small company|our team|a warehouse}[ and {want|need} to {place a bulk order|order supplies}]`,
  `{Please |}send the invoice to my {line manager|manager|boss}[, {her|his} email is below]`,
  `{Can I|Could I} {talk|speak} to {someone|somebody} {about|in} {changing my order|returns|the returns department|billing|delivery}?`,
  `{Can I|Could I} {chat|talk|speak} {with|to} a {real person|human|person}[ please]?`,
  `{Please don't|Don't|No need to} escalate {this|it}[, it was my {mistake|fault}]`,
  `{Tell|Please tell} your {supervisor|manager} {the driver|your colleague|Mark} {deserves a raise|was brilliant}`,
  `{The|My} {supervisor|manager} mode on the {baby monitor|router|app} {doesn't work|is broken}`,
  `{My wife's|My husband's|My friend's} {boss|manager} {recommended|told me about} {you|your shop}`,
  `{Your|A} {manager's special|management software|management course} {is|looks} {great|interesting}`,
];
