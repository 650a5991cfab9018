// Seeded, streaming generator of realistic histories: journeys start with weekly seasonality and a December surge,
// their events wait in a time-ordered heap and leave it in time order, so memory holds only journeys under way.
import { z } from 'zod';
import type { CrackKind, HistoryEvent } from './history-event.js';
import { crackKinds } from './history-event.js';
import { buildJourney } from './journey.js';
import type { PlantedCrack } from './journey.js';
import { MinHeap } from './min-heap.js';
import { createSeededRandom } from './seeded-random.js';

export type { PlantedCrack } from './journey.js';

export const generateHistoryOptionsSchema = z.object({
  seed: z.number().int(),
  /** First hour of the history (ISO 8601). */
  start: z.string().default('2026-10-01T00:00:00Z'),
  /** Days during which new journeys start; journeys under way at the end run to completion. */
  days: z.number().positive().default(30),
  /** Mean journeys (one customer, one order) started per day before seasonality. */
  journeysPerDay: z.number().positive().default(200),
  /** Stop after this many events (the benchmark's fixed-size histories). */
  maxEvents: z.number().int().positive().optional(),
  /** Plant cracks on purpose: each journey carries one with probability `rate`. Omit for a clean history. */
  cracks: z
    .object({
      rate: z.number().min(0).max(1),
      kinds: z
        .array(z.enum(crackKinds))
        .min(1)
        .default([...crackKinds]),
    })
    .optional(),
  /** Arrivals are multiplied by this from 1 to 24 December. */
  surgeUplift: z.number().positive().default(2),
  /** Contacts without progress that make a `no_progress` crack (the audit's default threshold). */
  noProgressContacts: z.number().int().min(2).default(5),
});
export type GenerateHistoryOptions = z.input<typeof generateHistoryOptionsSchema>;

export interface GeneratedHistory extends Iterable<HistoryEvent> {
  /** Cracks planted in the events emitted so far; complete once iteration ends. */
  readonly planted: readonly PlantedCrack[];
}

const HOUR = 3_600_000;
// Sunday first (getUTCDay); mean 1. Weekdays busier, Saturday and Sunday quieter.
const weekdayFactor = [0.8, 1.15, 1.1, 1.05, 1.0, 1.05, 0.85];
// A day's shape: quiet nights, a late-morning and an evening peak; normalised to mean 1 below.
const rawHourShape = Array.from({ length: 24 }, (_, h) => 0.15 + Math.exp(-((h - 11) ** 2) / 8) + 0.8 * Math.exp(-((h - 20) ** 2) / 6));
const shapeMean = rawHourShape.reduce((a, b) => a + b, 0) / 24;
const hourShape = rawHourShape.map((v) => v / shapeMean);

/** Expected journeys starting in the hour that begins at `hourMs` (UTC). */
export function expectedJourneysPerHour(hourMs: number, journeysPerDay: number, surgeUplift: number): number {
  const d = new Date(hourMs);
  const surge = d.getUTCMonth() === 11 && d.getUTCDate() <= 24 ? surgeUplift : 1;
  return (journeysPerDay / 24) * (weekdayFactor[d.getUTCDay()] ?? 1) * (hourShape[d.getUTCHours()] ?? 1) * surge;
}

interface Pending {
  at: number;
  seq: number;
  event: HistoryEvent;
}

/**
 * A history as an iterable of SPEC §3 events in time order. The same options give the same events.
 * Iterate once; `planted` names every crack planted among the events emitted.
 */
export function generateHistory(input: GenerateHistoryOptions): GeneratedHistory {
  const options = generateHistoryOptionsSchema.parse(input);
  const planted: PlantedCrack[] = [];
  function* events(): Generator<HistoryEvent> {
    const rng = createSeededRandom(options.seed);
    const heap = new MinHeap<Pending>((a, b) => a.at < b.at || (a.at === b.at && a.seq < b.seq));
    const waitingPlants = new Map<string, PlantedCrack>();
    const startMs = Date.parse(options.start);
    const hours = Math.ceil(options.days * 24);
    let seq = 0;
    let journey = 0;
    let emitted = 0;
    const max = options.maxEvents ?? Number.POSITIVE_INFINITY;
    const release = function* (until: number): Generator<HistoryEvent> {
      while (heap.size > 0 && (heap.peek() as Pending).at < until && emitted < max) {
        const { event } = heap.pop() as Pending;
        const plant = waitingPlants.get(event.id);
        if (plant) {
          waitingPlants.delete(event.id);
          planted.push(plant);
        }
        emitted++;
        yield event;
      }
    };
    for (let h = 0; h < hours && emitted < max; h++) {
      const hourMs = startMs + h * HOUR;
      const count = rng.poisson(expectedJourneysPerHour(hourMs, options.journeysPerDay, options.surgeUplift));
      for (let i = 0; i < count; i++) {
        const plant: CrackKind | undefined = options.cracks && rng.chance(options.cracks.rate) ? rng.pick(options.cracks.kinds) : undefined;
        const built = buildJourney({ index: journey++, startMs: hourMs + rng.float() * HOUR, rng, plant, noProgressContacts: options.noProgressContacts });
        for (const event of built.events) heap.push({ at: Date.parse(event.occurred_at), seq: seq++, event });
        if (built.planted) waitingPlants.set(built.planted.eventId, built.planted);
      }
      yield* release(hourMs + HOUR);
    }
    yield* release(Number.POSITIVE_INFINITY);
  }
  const iterable = events();
  return { planted, [Symbol.iterator]: () => iterable };
}
