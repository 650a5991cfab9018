// Freshdesk's tickets as Kept events: one ticket per record, as its API gives it with
// `include=conversations,requester` (a JSON Lines file, or a JSON array of tickets per line). Private notes
// are not customer-visible and are skipped; incoming conversations are the customer's, the rest the desk's.
import { convert } from 'html-to-text';
import { z } from 'zod';
import { describeIssues, isoWithOffset, ticketToEvents, type DeskMessage, type ImportedEvent, type KeptChannel } from './desk-export.js';

const id = z.union([z.number().int(), z.string().min(1)]).transform(String);

const conversationSchema = z.object({
  id,
  body_text: z.string().nullish(),
  body: z.string().nullish(),
  incoming: z.boolean().default(false),
  private: z.boolean().default(false),
  user_id: id.nullish(),
  created_at: z.string(),
});

const ticketSchema = z.object({
  id,
  subject: z.string().nullish(),
  description_text: z.string().nullish(),
  description: z.string().nullish(),
  source: z.number().int().nullish(),
  requester_id: id,
  requester: z.object({ name: z.string().nullish(), email: z.string().nullish(), mobile: z.union([z.string(), z.number()]).nullish(), phone: z.union([z.string(), z.number()]).nullish() }).nullish(),
  created_at: z.string(),
  conversations: z.array(conversationSchema).default([]),
});

/** Freshdesk's ticket sources (1 email, 2 portal, 3 phone, 7 chat, 9 feedback widget, 10 outbound email). */
const channelOf: Record<number, KeptChannel> = { 1: 'email', 2: 'web_form', 3: 'phone', 5: 'social', 6: 'social', 7: 'chat', 9: 'web_form', 10: 'email' };

export interface FreshdeskReading {
  events: ImportedEvent[];
  problems: string[];
  skipped: number;
}

/** The longest body read: Kept's events carry at most 200,000 characters of text. */
const maxBodyLength = 200_000;

/** The text of a body: the export's plain text, or its HTML turned into text when it has none. */
function plainOf(options: { text: string | null | undefined; html: string | null | undefined }): string {
  if (options.text?.trim()) return options.text.slice(0, maxBodyLength);
  return convert((options.html ?? '').slice(0, maxBodyLength), { wordwrap: false })
    .trim()
    .slice(0, maxBodyLength);
}

export function readFreshdeskRecord(record: unknown): FreshdeskReading {
  const reading: FreshdeskReading = { events: [], problems: [], skipped: 0 };
  for (const raw of Array.isArray(record) ? record : [record]) {
    const parsed = ticketSchema.safeParse(raw);
    if (!parsed.success) {
      reading.problems.push(describeIssues('ticket', parsed.error));
      continue;
    }
    const ticket = parsed.data;
    const createdAt = isoWithOffset(ticket.created_at);
    if (!createdAt) {
      reading.problems.push(`ticket ${ticket.id}: created_at is not a time`);
      continue;
    }
    const messages: DeskMessage[] = [];
    const description = plainOf({ text: ticket.description_text, html: ticket.description });
    // A ticket the desk opened itself (an outbound email) starts with the desk's words, not the customer's.
    if (description) messages.push({ id: `freshdesk-ticket-${ticket.id}`, at: createdAt, text: description, from: ticket.source === 10 ? 'agent' : 'customer' });
    for (const conversation of ticket.conversations) {
      const at = isoWithOffset(conversation.created_at);
      const text = plainOf({ text: conversation.body_text, html: conversation.body });
      if (conversation.private || !at || !text) {
        reading.skipped++;
        continue;
      }
      const fromCustomer = conversation.incoming || conversation.user_id === ticket.requester_id;
      messages.push({
        id: `freshdesk-conversation-${conversation.id}`,
        at,
        text,
        from: fromCustomer ? 'customer' : 'agent',
        authorName: fromCustomer ? undefined : `Freshdesk agent ${conversation.user_id ?? 'unknown'}`,
      });
    }
    const phone = ticket.requester?.mobile ?? ticket.requester?.phone;
    reading.events.push(
      ...ticketToEvents({
        threadRef: `freshdesk-ticket-${ticket.id}`,
        subject: ticket.subject ?? undefined,
        channel: channelOf[ticket.source ?? 1] ?? 'email',
        requester: {
          externalId: `freshdesk-contact-${ticket.requester_id}`,
          name: ticket.requester?.name ?? undefined,
          email: ticket.requester?.email ?? undefined,
          phone: phone === undefined || phone === null ? undefined : String(phone),
        },
        messages,
      }),
    );
  }
  return reading;
}
