// What the desks' exports have in common once read: a ticket's requester, its messages in time order, and
// how each becomes a Kept event. Zendesk and Freshdesk each say how their records map onto this.

/** The Kept channel a desk's channel name stands for; email when the desk names none Kept knows. */
export type KeptChannel = 'email' | 'web_form' | 'social' | 'sms' | 'chat' | 'phone';

export interface DeskPerson {
  /** The desk's own id, kept as the customer's external id so every ticket of one person links to one customer. */
  externalId: string;
  name?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
}

export interface DeskMessage {
  id: string;
  at: string;
  text: string;
  /** `customer` for what the requester wrote, `agent` for a public answer from the desk's staff. */
  from: 'customer' | 'agent';
  authorName?: string | undefined;
}

export interface DeskTicket {
  /** Thread reference shared by every message of the ticket, so they land on one Kept case. */
  threadRef: string;
  subject?: string | undefined;
  channel: KeptChannel;
  requester: DeskPerson;
  messages: DeskMessage[];
}

/** Kept's events carry at most this much text; a longer message is cut there. */
const maxTextLength = 200_000;

/** A Kept event as the importer hands it to validation: the public event shape, unvalidated. */
export type ImportedEvent = Record<string, unknown> & { id: string; type: string; occurred_at: string };

/** The events of one ticket, in time order: what the customer wrote as contacts, the desk's answers as messages sent. */
export function ticketToEvents(ticket: DeskTicket): ImportedEvent[] {
  const customer = {
    external_id: ticket.requester.externalId,
    ...(ticket.requester.email ? { email: ticket.requester.email } : {}),
    ...(ticket.requester.phone ? { phone: ticket.requester.phone } : {}),
    ...(ticket.requester.name ? { name: ticket.requester.name } : {}),
  };
  const ordered = [...ticket.messages].sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.id.localeCompare(b.id));
  let subjectGiven = false;
  return ordered.map((original) => {
    const message = { ...original, text: original.text.slice(0, maxTextLength) };
    if (message.from === 'customer') {
      const subject = !subjectGiven && ticket.subject ? { subject: ticket.subject } : {};
      subjectGiven = true;
      return { id: message.id, type: 'contact.received', occurred_at: message.at, customer, data: { channel: ticket.channel, text: message.text, thread_ref: ticket.threadRef, ...subject } };
    }
    return {
      id: message.id,
      type: 'message.sent',
      occurred_at: message.at,
      customer,
      data: {
        channel: ticket.channel,
        text: message.text,
        thread_ref: ticket.threadRef,
        ...(ticket.requester.email ? { to: ticket.requester.email } : {}),
        ...(message.authorName ? { author: message.authorName } : {}),
      },
    };
  });
}

/** Desks write times with or without milliseconds and sometimes without an offset (then UTC); Kept wants ISO 8601 with an offset. */
export function isoWithOffset(value: string): string | undefined {
  const time = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** One line naming every field a record got wrong, for the import's report. */
export function describeIssues(what: string, error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string {
  return `${what}: ${error.issues.map((issue) => `${issue.path.map(String).join('.') || '(record)'}: ${issue.message}`).join('; ')}`;
}
