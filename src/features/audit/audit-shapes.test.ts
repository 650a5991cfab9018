// The audit on histories written by other systems: the same journeys told with authors as strings, as
// objects or only as sender addresses, with or without thread references, in order or not. Each shape is a
// plain rewrite of a generated history (nothing about the cracks is used), and in each every planted crack
// is found and no clean journey is flagged.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { generateHistory } from '../history/generate-history.js';
import { crackKinds, type HistoryEvent } from '../history/history-event.js';
import { createSeededRandom } from '../history/seeded-random.js';
import type { AuditOptions } from './audit-options.js';
import { runAudit } from './run-audit.js';

type Data = Record<string, unknown>;
interface Shape {
  readonly name: string;
  readonly rewrite: (events: readonly HistoryEvent[]) => unknown[];
  readonly options?: AuditOptions;
  readonly mapping?: Record<string, string>;
}

const person = (author: string) => author.split(':')[1] ?? author;
const withData = (event: HistoryEvent, change: (data: Data) => Data): HistoryEvent => ({ ...event, data: change({ ...(event.data ?? {}) }) });
const sent = (event: HistoryEvent) => event.type === 'message.sent';

/**
 * Shuffles the events of each stretch of `hours`: exports merged from several systems are out of order by
 * minutes to hours (within the audit's 24-hour reorder horizon; beyond it an event is counted as late).
 */
function unsort(events: readonly HistoryEvent[], hours: number, seed: number): HistoryEvent[] {
  const random = createSeededRandom(seed);
  const buckets = new Map<number, HistoryEvent[]>();
  for (const event of events) {
    const key = Math.floor(Date.parse(event.occurred_at) / (hours * 3_600_000));
    buckets.set(key, [...(buckets.get(key) ?? []), event]);
  }
  const out: HistoryEvent[] = [];
  for (const run of buckets.values()) {
    for (let j = run.length - 1; j > 0; j--) {
      const k = random.int(0, j);
      [run[j], run[k]] = [run[k]!, run[j]!];
    }
    out.push(...run);
  }
  return out;
}

const agentList = ['maria', 'tom', 'sade', 'lee', 'ivan', 'olga', 'raj'].map((name) => ({
  id: `u-${name}`,
  name: `${name[0]!.toUpperCase()}${name.slice(1)}`,
  email: `${name}@shop.example`,
  role: name === 'olga' || name === 'raj' ? 'manager' : 'agent',
}));

const shapes: Shape[] = [
  { name: 'author strings, thread refs, in order', rewrite: (events) => [...events] },
  {
    name: 'author objects, no thread refs, in order',
    rewrite: (events) =>
      events.map((event) =>
        withData(event, ({ thread_ref: _, ...data }) => {
          if (!sent(event)) return data;
          const author = String(data['author']);
          // Automatic senders by role, or by a no-reply address alone.
          if (author === 'system') return { ...data, author: event.id.endsWith('1') ? { email: 'no-reply@shop.example', name: 'Shop' } : { name: 'Shop', role: 'system' } };
          const role = author.startsWith('manager:') ? 'supervisor' : 'agent';
          return { ...data, author: { name: `Agent ${person(author)}`, role, email: `${person(author)}@shop.example`, id: `u-${person(author)}` } };
        }),
      ),
  },
  {
    name: 'no author, sender addresses and a listed team, threads as conversation ids, out of order',
    options: { agents: agentList },
    rewrite: (events) =>
      unsort(
        events.map((event) =>
          withData(event, ({ author, thread_ref, ...data }) => ({
            ...data,
            ...(thread_ref ? { conversation_id: thread_ref } : {}),
            ...(sent(event) ? { from: author === 'system' ? 'no-reply@shop.example' : `${person(String(author))}@shop.example` } : {}),
          })),
        ),
        6,
        3,
      ),
  },
  {
    name: 'other field names, read through a JSON Lines mapping',
    mapping: { id: 'uid', type: 'kind', occurred_at: 'at', 'data.author': 'meta.by', 'data.thread_ref': 'meta.thread' },
    rewrite: (events) =>
      events.map(({ id, type, occurred_at, data, ...rest }) => {
        const { author, thread_ref, ...kept } = data ?? {};
        return { uid: id, kind: type, at: occurred_at, ...rest, data: kept, meta: { by: author, thread: thread_ref } };
      }),
  },
];

const jsonl = (records: readonly unknown[]) => Readable.from(records.map((record) => `${JSON.stringify(record)}\n`));

describe.each(shapes)('kept audit on a history with $name', (shape) => {
  const audit = (events: readonly HistoryEvent[]) =>
    runAudit({ input: jsonl(shape.rewrite(events)), ...(shape.options ? { options: shape.options } : {}), ...(shape.mapping ? { mapping: shape.mapping } : {}) });

  it('finds every planted crack by its event and flags nothing else', async () => {
    const history = generateHistory({ seed: 31, days: 9, journeysPerDay: 45, cracks: { rate: 0.15 } });
    const events = [...history];
    const summary = await audit(events);
    const due = history.planted.filter((p) => p.breaksAt < (summary.to ?? ''));
    expect(new Set(due.map((p) => p.kind)).size).toBe(crackKinds.length);
    for (const kind of crackKinds) {
      expect(summary.cracks[kind].events.ids.sort(), kind).toEqual(
        due
          .filter((p) => p.kind === kind)
          .map((p) => p.eventId)
          .sort(),
      );
    }
    expect(summary.totalCracks).toBe(due.length);
    expect(summary.reading.authors.unknown).toBe(0);
    expect(summary.reading.lateEvents).toBe(0);
    expect(summary.broken.count).toBe(0);
  });

  it('flags nothing in a clean history', async () => {
    const summary = await audit([...generateHistory({ seed: 32, days: 6, journeysPerDay: 45 })]);
    expect(summary.totalCracks).toBe(0);
    expect(summary.reading.undecided.count).toBe(0);
  });
});
