// Words for one timeline entry: a title and an optional line of detail.
import type { TimelineItem } from '../api/types';

const TITLES: Record<TimelineItem['type'], string> = {
  event: 'Event',
  message_in: 'Message in',
  message_out: 'Message out',
  commitment_opened: 'Commitment opened',
  commitment_kept: 'Commitment kept',
  commitment_breached: 'Commitment breached',
  document: 'Document',
};

/** Describes a timeline entry from the details its type carries. */
export function describeTimelineItem(item: TimelineItem): { title: string; detail: string } {
  const title = TITLES[item.type] ?? item.type;
  switch (item.type) {
    case 'event': {
      const parts = [item.event_type, item.order_id && `order ${item.order_id}`, item.reason_code && `reason ${item.reason_code}`];
      return { title: item.event_type ? `${title}: ${item.event_type}` : title, detail: parts.slice(1).filter(Boolean).join(' · ') };
    }
    case 'message_in':
    case 'message_out': {
      const by = item.author_name ? ` by ${item.author_name}` : '';
      return { title: `${title}${item.channel ? ` (${item.channel})` : ''}${by}`, detail: [item.subject, item.body].filter(Boolean).join(' — ') };
    }
    case 'document':
      return { title: `${title}${item.kind ? `: ${item.kind}` : ''}`, detail: item.state ?? '' };
    default:
      return { title: `${title}${item.kind ? `: ${item.kind}` : ''}`, detail: item.due_at ? `due ${new Date(item.due_at).toLocaleString()}` : '' };
  }
}
