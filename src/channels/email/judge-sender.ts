// Who a message is from, for Kept's purposes: the address the customer is known by and the one an
// acknowledgement may go to. Pure. A no-reply, mailer-daemon or postmaster address is never acknowledged,
// nor a malformed one (`moderator`, `ana@example.com>`, `<power quadrant system@example.com>`);
// Reply-To is preferred when From is one of those.
import type { MailAddress, ParsedEmail } from './parsed-email.js';

const label = '[a-z0-9](?:[a-z0-9-]*[a-z0-9])?';
const usableAddress = new RegExp(`^[a-z0-9!#$%&'*+/=?^_\`{|}~.-]+@${label}(?:\\.${label})+$`, 'i');
const robotLocalPart = /^(?:no-?reply|do-?not-?reply|donotreply|mailer-daemon|postmaster|bounces?)(?:[+._-].*)?$/i;

export type SenderJudgement =
  | {
      address: string;
      name: string;
      /** `from`, or `reply_to` when From was a robot or malformed. */
      source: 'from' | 'reply_to';
      /** True for a person's address: the only kind Kept acknowledges. */
      acknowledgeable: boolean;
      /** Why not, when not. */
      reason: string | null;
    }
  | { address: null; reason: string };

/** Whether an address is well-formed enough to write to (one `@`, a dotted domain, no spaces or brackets). */
export function isWellFormedAddress(address: string): boolean {
  return usableAddress.test(address) && !address.includes('..');
}

export function isRobotAddress(address: string): boolean {
  return robotLocalPart.test(address.split('@')[0] ?? '');
}

/** The From address, unless the header as written holds something other than one address (spaces inside `<…>`). */
function fromCandidate(parsed: ParsedEmail): { address: MailAddress | null; problem: string | null } {
  const from = parsed.from;
  if (!from) return { address: null, problem: parsed.fromHeader ? `From has no address: ${parsed.fromHeader.slice(0, 120)}` : 'no From header' };
  const bracketed = /<([^<>]*)>/.exec(parsed.fromHeader)?.[1];
  if (bracketed !== undefined && bracketed.trim().toLowerCase() !== from.address) return { address: null, problem: `From is malformed: <${bracketed.slice(0, 120)}>` };
  if (!isWellFormedAddress(from.address)) return { address: null, problem: `From is malformed: ${from.address.slice(0, 120)}` };
  return { address: from, problem: null };
}

export function judgeSender(parsed: ParsedEmail): SenderJudgement {
  const from = fromCandidate(parsed);
  const replyTo = parsed.replyTo.filter((a) => isWellFormedAddress(a.address));
  if (from.address && !isRobotAddress(from.address.address)) return { ...person(from.address), source: 'from', acknowledgeable: true, reason: null };
  const human = replyTo.find((a) => !isRobotAddress(a.address));
  if (human) return { ...person(human), source: 'reply_to', acknowledgeable: true, reason: null };
  const robot = from.address ?? replyTo[0];
  if (robot) return { ...person(robot), source: from.address ? 'from' : 'reply_to', acknowledgeable: false, reason: `${robot.address} is an automatic sender` };
  return { address: null, reason: from.problem ?? 'no usable sender address' };
}

function person(address: MailAddress): { address: string; name: string } {
  return { address: address.address, name: address.name };
}
