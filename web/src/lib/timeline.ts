// Words for one timeline entry: a title and an optional line of detail.
import type { TimelineItem } from '../api/types';

const TITLES: Record<TimelineItem['type'], string> = {
  event: 'Event',
  message_in: 'Message in',
  message_out: 'Message out',
  commitment_opened: 'Commitment opened',
  commitment_kept: 'Commitment kept',
  commitment_breached: 'Commitment breached',
  commitment_waived: 'Commitment waived',
  commitment_corrected: 'Promise corrected',
  commitment_dismissed: 'Promise dismissed',
  document: 'Document',
};

const AUTHORS: Record<NonNullable<TimelineItem['author_kind']>, string> = {
  customer: 'the customer',
  agent: 'an agent',
  automatic: 'Kept',
  external: 'another system',
};

/** Describes a timeline entry from the details its type carries. */
export function describeTimelineItem(item: TimelineItem): { title: string; detail: string } {
  const title = TITLES[item.type] ?? item.type;
  switch (item.type) {
    case 'event': {
      const reason = typeof item.data?.['reason'] === 'string' ? item.data['reason'] : null;
      const parts = [item.order_number && `order ${item.order_number}`, reason && `reason ${reason}`];
      return { title: item.event_type ? `${title}: ${item.event_type}` : title, detail: parts.filter(Boolean).join(' · ') };
    }
    case 'message_in':
    case 'message_out': {
      const by = item.author_kind && item.author_kind !== 'customer' ? ` by ${AUTHORS[item.author_kind]}` : '';
      return { title: `${title}${item.channel ? ` (${item.channel})` : ''}${by}`, detail: [item.subject, item.body].filter(Boolean).join(' — ') };
    }
    case 'commitment_waived':
      return { title: `${title}${item.kind ? `: ${item.kind}` : ''}`, detail: item.reason ? `reason: ${item.reason}` : '' };
    case 'commitment_corrected': {
      const moved = item.from_due_at && item.due_at ? `due ${new Date(item.from_due_at).toLocaleString()} → ${new Date(item.due_at).toLocaleString()}` : '';
      return { title: `${title}${item.kind ? `: ${item.kind}` : ''}`, detail: [moved, item.note && `note: ${item.note}`].filter(Boolean).join(' · ') };
    }
    case 'commitment_dismissed':
      return { title: `${title}${item.kind ? `: ${item.kind}` : ''}`, detail: item.note ? `note: ${item.note}` : '' };
    case 'document':
      return { title: `${title}${item.kind ? `: ${item.kind}` : ''}`, detail: item.state ?? '' };
    default:
      return { title: `${title}${item.kind ? `: ${item.kind}` : ''}`, detail: item.due_at ? `due ${new Date(item.due_at).toLocaleString()}` : '' };
  }
}
