// Arrival history: contacts counted per channel per hour, the input of the forecast.
import { z } from 'zod';

export const arrivalCountSchema = z.object({
  /** Start of the hour, ISO 8601. */
  hour: z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'not an ISO 8601 time'),
  channel: z.string().min(1),
  count: z.number().int().min(0),
});
export type ArrivalCount = z.infer<typeof arrivalCountSchema>;

const HOUR = 3_600_000;

/**
 * Counts `contact.received` events (and surveys asking for contact) per channel and hour, streaming:
 * memory grows with hours × channels, not with events.
 */
export function countArrivals(events: Iterable<{ type: string; occurred_at: string; data?: Record<string, unknown> | undefined }>): ArrivalCount[] {
  const counts = new Map<string, number>();
  for (const e of events) {
    let channel: string | undefined;
    if (e.type === 'contact.received') channel = typeof e.data?.['channel'] === 'string' ? e.data['channel'] : 'unknown';
    else if (e.type === 'survey.responded' && e.data?.['contact_requested'] === true) channel = 'survey';
    if (!channel) continue;
    const hour = Math.floor(Date.parse(e.occurred_at) / HOUR) * HOUR;
    const key = `${hour}|${channel}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([key, count]) => {
    const [hour, channel] = key.split('|') as [string, string];
    return { hour: new Date(Number(hour)).toISOString(), channel, count };
  });
}
