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

type ArrivalEvent = { type: string; occurred_at: string; data?: Record<string, unknown> | undefined };

export interface ArrivalCounter {
  add(event: ArrivalEvent): void;
  counts(): ArrivalCount[];
}

/**
 * Counts `contact.received` events (and surveys asking for contact) per channel and hour, streaming:
 * memory grows with hours × channels, not with events.
 */
export function createArrivalCounter(): ArrivalCounter {
  const counts = new Map<string, number>();
  return {
    add(e) {
      let channel: string | undefined;
      if (e.type === 'contact.received') channel = typeof e.data?.['channel'] === 'string' ? e.data['channel'] : 'unknown';
      else if (e.type === 'survey.responded' && e.data?.['contact_requested'] === true) channel = 'survey';
      if (!channel) return;
      const at = Date.parse(e.occurred_at);
      if (Number.isNaN(at)) return;
      const key = `${Math.floor(at / HOUR) * HOUR}|${channel}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    },
    counts: () =>
      [...counts].map(([key, count]) => {
        const [hour, channel] = key.split('|') as [string, string];
        return { hour: new Date(Number(hour)).toISOString(), channel, count };
      }),
  };
}

/** `createArrivalCounter` over an in-memory or generated list of events. */
export function countArrivals(events: Iterable<ArrivalEvent>): ArrivalCount[] {
  const counter = createArrivalCounter();
  for (const e of events) counter.add(e);
  return counter.counts();
}
