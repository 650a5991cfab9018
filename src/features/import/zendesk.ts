// Zendesk's exports as Kept events. Read, in any mix, one record per line: Zendesk's full JSON export
// (users, then tickets with their `comments`), or pages of its incremental export (`tickets` with the
// `users` side-load, and `ticket_events` with comment events). Users must come before the tickets that
// name them; a requester never seen is still linked by the Zendesk user id.
import { z } from 'zod';
import { describeIssues, isoWithOffset, ticketToEvents, type DeskMessage, type DeskPerson, type ImportedEvent, type KeptChannel } from './desk-export.js';

const id = z.union([z.number().int(), z.string().min(1)]).transform(String);

const userSchema = z.object({ id, name: z.string().nullish(), email: z.string().nullish(), phone: z.string().nullish(), role: z.string().nullish() });

const commentSchema = z.object({
  id,
  author_id: id.nullish(),
  body: z.string().nullish(),
  plain_body: z.string().nullish(),
  public: z.boolean().default(true),
  created_at: z.string(),
});

const ticketSchema = z.object({
  id,
  subject: z.string().nullish(),
  description: z.string().nullish(),
  requester_id: id,
  created_at: z.string(),
  via: z.object({ channel: z.union([z.string(), z.number()]).nullish() }).nullish(),
  comments: z.array(commentSchema).optional(),
});

const ticketEventSchema = z.object({
  ticket_id: id,
  event_type: z.string().nullish(),
  child_events: z.array(z.record(z.string(), z.unknown())).default([]),
});

export interface ZendeskReading {
  events: ImportedEvent[];
  /** Records or parts of records that could not be read, each with why. */
  problems: string[];
  /** Internal notes and other records that are not customer-visible messages, counted. */
  skipped: number;
}

const channelOf: Record<string, KeptChannel> = {
  email: 'email',
  web: 'web_form',
  web_form: 'web_form',
  api: 'web_form',
  mobile: 'web_form',
  twitter: 'social',
  facebook: 'social',
  instagram_dm: 'social',
  whatsapp: 'social',
  any_channel: 'social',
  voice: 'phone',
  phone: 'phone',
  chat: 'chat',
  native_messaging: 'chat',
  messaging: 'chat',
  sms: 'sms',
};

interface KnownTicket {
  channel: KeptChannel;
  requesterId: string;
  subject: string | undefined;
  /** Its description was imported as the first contact, so the creation's comment event is that same message. */
  describedAtCreation: boolean;
}

/** A reader that remembers the users and tickets it has seen, so later records can name them. */
export function createZendeskReader() {
  const users = new Map<string, z.infer<typeof userSchema>>();
  const tickets = new Map<string, KnownTicket>();
  const staffRoles = new Set(['agent', 'admin']);

  const personOf = (userId: string): DeskPerson => {
    const user = users.get(userId);
    return { externalId: `zendesk-user-${userId}`, name: user?.name ?? undefined, email: user?.email ?? undefined, phone: user?.phone ?? undefined };
  };
  const messageOf = (options: { ticket: KnownTicket; id: string; authorId: string | null | undefined; text: string; at: string }): DeskMessage => {
    const author = options.authorId ? users.get(options.authorId) : undefined;
    const isStaff = options.authorId !== options.ticket.requesterId && author !== undefined && staffRoles.has(author.role ?? '');
    return { id: options.id, at: options.at, text: options.text, from: isStaff ? 'agent' : 'customer', authorName: isStaff ? (author?.name ?? `Zendesk agent ${options.authorId}`) : undefined };
  };

  function readTicket(raw: unknown, reading: ZendeskReading): void {
    const parsed = ticketSchema.safeParse(raw);
    if (!parsed.success) {
      reading.problems.push(describeIssues('ticket', parsed.error));
      return;
    }
    const ticket = parsed.data;
    const createdAt = isoWithOffset(ticket.created_at);
    if (!createdAt) {
      reading.problems.push(`ticket ${ticket.id}: created_at is not a time`);
      return;
    }
    const known: KnownTicket = {
      channel: channelOf[String(ticket.via?.channel ?? '')] ?? 'email',
      requesterId: ticket.requester_id,
      subject: ticket.subject ?? undefined,
      describedAtCreation: ticket.comments === undefined,
    };
    tickets.set(ticket.id, known);
    const messages: DeskMessage[] = [];
    if (ticket.comments === undefined) {
      if (ticket.description?.trim()) messages.push({ id: `zendesk-ticket-${ticket.id}`, at: createdAt, text: ticket.description, from: 'customer' });
    } else {
      for (const comment of ticket.comments) {
        const at = isoWithOffset(comment.created_at);
        const text = comment.plain_body ?? comment.body ?? '';
        if (!comment.public || !at || !text.trim()) {
          reading.skipped++;
          continue;
        }
        messages.push(messageOf({ ticket: known, id: `zendesk-comment-${comment.id}`, authorId: comment.author_id, text, at }));
      }
    }
    reading.events.push(...ticketToEvents({ threadRef: `zendesk-ticket-${ticket.id}`, subject: known.subject, channel: known.channel, requester: personOf(ticket.requester_id), messages }));
  }

  function readTicketEvent(raw: unknown, reading: ZendeskReading): void {
    const parsed = ticketEventSchema.safeParse(raw);
    if (!parsed.success) {
      reading.problems.push(describeIssues('ticket event', parsed.error));
      return;
    }
    const ticket = tickets.get(parsed.data.ticket_id);
    if (!ticket) {
      reading.problems.push(`ticket event of ticket ${parsed.data.ticket_id}: the ticket was not in the export before it`);
      return;
    }
    const messages: DeskMessage[] = [];
    for (const child of parsed.data.child_events) {
      if (child['event_type'] !== 'Comment') continue;
      const comment = commentSchema.safeParse(child);
      if (!comment.success) {
        reading.problems.push(describeIssues(`comment event of ticket ${parsed.data.ticket_id}`, comment.error));
        continue;
      }
      const at = isoWithOffset(comment.data.created_at);
      const text = comment.data.plain_body ?? comment.data.body ?? '';
      const isTheDescription = parsed.data.event_type === 'Create' && ticket.describedAtCreation;
      if (!comment.data.public || !at || !text.trim() || isTheDescription) {
        reading.skipped++;
        continue;
      }
      messages.push(messageOf({ ticket, id: `zendesk-comment-${comment.data.id}`, authorId: comment.data.author_id, text, at }));
    }
    // A comment event carries no subject: the ticket's first contact already gave the case its subject.
    reading.events.push(...ticketToEvents({ threadRef: `zendesk-ticket-${parsed.data.ticket_id}`, subject: undefined, channel: ticket.channel, requester: personOf(ticket.requesterId), messages }));
  }

  /** Reads one record of the export: a user, a ticket, or a page of them. */
  function read(record: unknown): ZendeskReading {
    const reading: ZendeskReading = { events: [], problems: [], skipped: 0 };
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      reading.problems.push('not a Zendesk record (an object with tickets, users or ticket_events, a user or a ticket)');
      return reading;
    }
    const value = record as Record<string, unknown>;
    const page = 'tickets' in value || 'users' in value || 'ticket_events' in value;
    for (const user of page ? (Array.isArray(value['users']) ? value['users'] : []) : 'role' in value && !('requester_id' in value) ? [value] : []) {
      const parsed = userSchema.safeParse(user);
      if (parsed.success) users.set(parsed.data.id, parsed.data);
      else reading.problems.push(describeIssues('user', parsed.error));
    }
    if (page) {
      for (const ticket of Array.isArray(value['tickets']) ? value['tickets'] : []) readTicket(ticket, reading);
      for (const event of Array.isArray(value['ticket_events']) ? value['ticket_events'] : []) readTicketEvent(event, reading);
    } else if ('requester_id' in value) {
      readTicket(value, reading);
    } else if (!('role' in value)) {
      reading.problems.push('not a Zendesk record (an object with tickets, users or ticket_events, a user or a ticket)');
    }
    return reading;
  }

  return { read };
}
