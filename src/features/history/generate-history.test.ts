import { describe, expect, it } from 'vitest';
import { generateHistory } from './generate-history.js';
import { contactChannels } from './history-event.js';
import type { HistoryEvent } from './history-event.js';

const take = (events: Iterable<HistoryEvent>, n: number): HistoryEvent[] => {
  const out: HistoryEvent[] = [];
  for (const e of events) {
    out.push(e);
    if (out.length === n) break;
  }
  return out;
};

describe('the synthetic history generator', () => {
  it('gives the same history for the same seed and another for another seed', () => {
    const a = JSON.stringify(take(generateHistory({ seed: 3, days: 3 }), 500));
    const b = JSON.stringify(take(generateHistory({ seed: 3, days: 3 }), 500));
    const c = JSON.stringify(take(generateHistory({ seed: 4, days: 3 }), 500));
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  it('streams events in time order with every kind of event and every contact channel', () => {
    const events = [...generateHistory({ seed: 1, days: 10, journeysPerDay: 150 })];
    const times = events.map((e) => Date.parse(e.occurred_at));
    expect(times.every((t, i) => i === 0 || t >= (times[i - 1] as number))).toBe(true);
    const types = new Set(events.map((e) => e.type));
    for (const t of [
      'order.placed',
      'order.payment_failed',
      'order.cancelled',
      'order.shipped',
      'order.delayed',
      'order.delivered',
      'order.delivery_exception',
      'refund.issued',
      'tradein.received',
      'tradein.credited',
      'contact.received',
      'survey.responded',
      'message.sent',
    ]) {
      expect(types, t).toContain(t);
    }
    const channels = new Set(events.filter((e) => e.type === 'contact.received').map((e) => e.data?.['channel']));
    expect([...channels].sort()).toEqual([...contactChannels].sort());
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
  });

  it('is busier on weekdays than at weekends, and surges in December', () => {
    const placedPerDay = (start: string) => {
      const counts = new Map<number, number>();
      for (const e of generateHistory({ seed: 5, start, days: 14, journeysPerDay: 300 })) {
        if (e.type !== 'order.placed') continue;
        const d = new Date(e.occurred_at);
        if (d.getTime() >= Date.parse(start) + 14 * 86_400_000) continue;
        counts.set(d.getUTCDay(), (counts.get(d.getUTCDay()) ?? 0) + 1);
      }
      return counts;
    };
    const nov = placedPerDay('2026-11-02T00:00:00Z');
    const dec = placedPerDay('2026-12-01T00:00:00Z');
    expect(nov.get(1) as number).toBeGreaterThan((nov.get(0) as number) * 1.2);
    const total = (m: Map<number, number>) => [...m.values()].reduce((a, b) => a + b, 0);
    expect(total(dec)).toBeGreaterThan(total(nov) * 1.7);
  });

  it('reports the cracks it planted, only for events it emitted', () => {
    const history = generateHistory({ seed: 9, days: 5, journeysPerDay: 100, cracks: { rate: 0.2 }, maxEvents: 2000 });
    const ids = new Set([...history].map((e) => e.id));
    expect(history.planted.length).toBeGreaterThan(5);
    for (const p of history.planted) expect(ids).toContain(p.eventId);
  });
});
