// The customer's timeline: events, messages in and out, and commitments, in time order, across channels.
import type { Db } from '../../db/create-db.js';
import * as messageRepo from '../cases/index.js';
import * as commitmentRepo from '../commitments/index.js';
import * as eventRepo from '../events/index.js';
import { readPromiseDetails } from '../promises/promise-correction.js';

export interface TimelineItem {
  at: string;
  type: 'event' | 'message_in' | 'message_out' | 'commitment_opened' | 'commitment_kept' | 'commitment_breached' | 'commitment_waived' | 'commitment_corrected' | 'commitment_dismissed';
  [detail: string]: unknown;
}

export function createTimelineService(deps: { db: Db; getCustomerId: (id: string) => Promise<string> }) {
  async function getTimeline(id: string): Promise<{ customer_id: string; items: TimelineItem[] }> {
    const customerId = await deps.getCustomerId(id);
    const [events, messages, commitments] = await Promise.all([
      eventRepo.listEventsOfCustomer(deps.db, customerId),
      messageRepo.listMessagesOfCustomer(deps.db, customerId),
      commitmentRepo.listCommitments(deps.db, { customerId, limit: 10_000 }),
    ]);
    // An event that became a message shows once, as the message.
    const eventsShownAsMessages = new Set(messages.map((message) => message.eventId).filter(Boolean));
    const items: TimelineItem[] = [
      ...events
        .filter((event) => !eventsShownAsMessages.has(event.id))
        .map((event) => ({
          at: event.occurredAt.toISOString(),
          type: 'event' as const,
          event_id: event.id,
          event_type: event.type,
          order_number: event.orderNumber,
          data: event.body.data,
          ...(event.occurredAtStamped ? { time_stamped_on_receipt: true } : {}),
        })),
      ...messages.map((message) => ({
        at: message.at.toISOString(),
        type: message.direction === 'in' ? ('message_in' as const) : ('message_out' as const),
        message_id: message.id,
        case_id: message.caseId,
        channel: message.channel,
        author_kind: message.authorKind,
        subject: message.subject,
        body: message.body,
        status: message.status,
        noise: message.noise,
      })),
      ...commitments.flatMap((commitment) => {
        const base = { commitment_id: commitment.id, kind: commitment.kind, case_id: commitment.caseId, due_at: commitment.dueAt.toISOString(), owner_id: commitment.ownerId };
        const entries: TimelineItem[] = [{ at: commitment.openedAt.toISOString(), type: 'commitment_opened', ...base, opened_by: commitment.openedBy }];
        if (commitment.breachedAt) entries.push({ at: commitment.breachedAt.toISOString(), type: 'commitment_breached', ...base });
        if (commitment.closedAt && commitment.state === 'kept') entries.push({ at: commitment.closedAt.toISOString(), type: 'commitment_kept', ...base, fulfilled_by: commitment.fulfilledBy });
        if (commitment.closedAt && commitment.state === 'waived') entries.push({ at: commitment.closedAt.toISOString(), type: 'commitment_waived', ...base, reason: commitment.waivedReason });
        // A promise in words an agent corrected or dismissed: who, when, what changed and why.
        const promise = readPromiseDetails(commitment.details);
        for (const correction of promise?.corrections ?? []) {
          entries.push({
            at: correction.at,
            type: 'commitment_corrected',
            ...base,
            by: correction.by,
            due_at: correction.due_at?.to ?? base.due_at,
            from_due_at: correction.due_at?.from ?? null,
            owner_id: correction.owner_id?.to ?? base.owner_id,
            note: correction.note ?? null,
          });
        }
        if (promise?.dismissal && commitment.state === 'dismissed')
          entries.push({ at: promise.dismissal.at, type: 'commitment_dismissed', ...base, by: promise.dismissal.by, note: promise.dismissal.note });
        return entries;
      }),
    ];
    items.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    return { customer_id: customerId, items };
  }

  return { getTimeline };
}

export type TimelineService = ReturnType<typeof createTimelineService>;
