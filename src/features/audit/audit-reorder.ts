// Histories exported from several systems are rarely in time order. The audit holds events for a horizon
// (24 hours by default) and replays them in time order; an event later than that is replayed when read and
// counted, so a file sorted the wrong way round shows in the report instead of producing false cracks.
import type { HistoryEvent } from '../history/history-event.js';
import { MinHeap } from '../history/min-heap.js';

interface Held {
  readonly at: number;
  readonly seq: number;
  readonly event: HistoryEvent;
}

export interface ReorderBuffer {
  /** Adds an event; hands every event now older than the horizon to `release`, in time order. */
  push(event: HistoryEvent, at: number): void;
  /** Hands every held event to `release`, in time order. */
  drain(): void;
}

export function createReorderBuffer(options: { horizonMs: number; release: (event: HistoryEvent, at: number) => void }): ReorderBuffer {
  const heap = new MinHeap<Held>((a, b) => a.at < b.at || (a.at === b.at && a.seq < b.seq));
  let seq = 0;
  let newest = Number.NEGATIVE_INFINITY;
  const releaseUntil = (limit: number) => {
    for (let top = heap.peek(); top && top.at <= limit; top = heap.peek()) {
      heap.pop();
      options.release(top.event, top.at);
    }
  };
  return {
    push(event, at) {
      heap.push({ at, seq: seq++, event });
      if (at > newest) newest = at;
      releaseUntil(newest - options.horizonMs);
    },
    drain: () => releaseUntil(Number.POSITIVE_INFINITY),
  };
}
