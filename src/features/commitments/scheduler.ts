// Fires commitment timers on time. The store holds every timer; this process keeps only the next few
// seconds of them in a min-heap, claims each one as it falls due, and hands it to `fire`.
import { randomUUID } from 'node:crypto';
import { Heap } from 'heap-js';
import { createSystemClock, type Clock, type ManualClock } from '../../shared/clock.js';
import type { Timer, TimerStore } from './timer-store.js';

export interface SchedulerOptions {
  store: TimerStore;
  clock: Clock;
  /** Runs the engine on the tick and applies its decisions; actions carry idempotency keys. */
  fire: (timer: Timer) => Promise<void>;
  /** A failed fire keeps its claim until the lease ends, then any process retries it. */
  onError: (error: unknown, timer: Timer | null) => void;
  /** Called as each timer starts firing, with how late it is; feeds the fire-lag histogram. */
  onFired?: (timer: Timer, lagMs: number) => void;
  /** This process's name on its claims. */
  owner?: string;
  /** How far ahead timers are held in memory. */
  windowMs?: number;
  /** How often the window is reloaded from the store, to pick up timers other processes wrote. */
  refillEveryMs?: number;
  /** Most timers read by one load and claimed by one claim. */
  batchSize?: number;
  /** How long a claim protects a timer from other processes. */
  leaseMs?: number;
  /**
   * Real-clock mode: how many timers fire at once. They start in deadline order; independent commitments
   * need no more order than that. The manual clock always fires one at a time.
   */
  concurrency?: number;
}

export interface Scheduler {
  /** Real-clock mode: loads the window and fires each timer as its time comes. */
  start(): void;
  /** Stops firing and waits for the timer being fired, if any. */
  stop(): Promise<void>;
  /**
   * Tells the scheduler of a timer just committed to the store, so one due soon fires without a reload.
   * With the manual clock, timers a fire creates must come through here to fire in exact deadline order.
   */
  add(timer: Timer): void;
  /**
   * Manual-clock mode: moves the clock to each due timer in deadline order and fires it, including timers
   * that firing creates, then sets the clock to `to` (unless `settle` is false: the clock service settles it
   * after every runner has had its turn). Resolves after the last one.
   */
  advanceTo(to: Date, options?: { settle?: boolean }): Promise<void>;
}

const byFireAt = (a: Timer, b: Timer): number => a.fireAt.getTime() - b.fireAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Creates a scheduler over a timer store; see docs/commitments.md for the design. */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const { store, clock } = options;
  const owner = options.owner ?? `kept-${randomUUID()}`;
  const windowMs = options.windowMs ?? 10_000;
  const refillEveryMs = options.refillEveryMs ?? 1_000;
  const batchSize = options.batchSize ?? 1_000;
  const leaseMs = options.leaseMs ?? 30_000;
  const concurrency = Math.max(1, options.concurrency ?? 1);
  // A claim's lease says whether the process that took it is still alive, so it is measured by the wall
  // clock even when Kept's own clock is moved by hand: each process's manual clock stands at its own time,
  // and a lease set by one and read by another would otherwise mean nothing.
  const wall = clock.mode === 'system' ? clock : createSystemClock();
  const lease = (): { now: Date; leaseUntil: Date } => {
    const now = wall.now();
    return { now, leaseUntil: new Date(now.getTime() + leaseMs) };
  };

  const heap = new Heap<Timer>(byFireAt);
  const held = new Set<string>();
  let running = false;
  let stopped = true;
  let wake: NodeJS.Timeout | undefined;
  let wakeAt = Number.POSITIVE_INFINITY;
  let nextRefillAt = 0;
  // When a load came back full, the store holds more than memory does beyond `horizon`.
  let horizon = Number.POSITIVE_INFINITY;
  let loop: Promise<void> = Promise.resolve();

  function hold(timer: Timer): void {
    if (held.has(timer.id)) return;
    held.add(timer.id);
    heap.push(timer);
  }

  async function refill(until: Date): Promise<void> {
    const due = await store.loadDue({ until, now: wall.now(), limit: batchSize });
    for (const timer of due) hold(timer);
    horizon = due.length === batchSize ? (due.at(-1)?.fireAt.getTime() ?? until.getTime()) : Number.POSITIVE_INFINITY;
  }

  function beyondHorizon(): boolean {
    if (horizon === Number.POSITIVE_INFINITY) return false;
    const top = heap.peek();
    return !top || top.fireAt.getTime() > horizon;
  }

  /** Pops the timers due by `now`, claims them in one call and fires the ones won, earliest first. */
  async function fireDue(now: Date): Promise<void> {
    const batch: Timer[] = [];
    while (batch.length < batchSize) {
      const top = heap.peek();
      if (!top || top.fireAt.getTime() > now.getTime()) break;
      heap.pop();
      held.delete(top.id);
      batch.push(top);
    }
    if (batch.length === 0) return;
    const won = await store.claim({ ids: batch.map((t) => t.id), owner, ...lease() });
    won.sort(byFireAt);
    // Timers of one commitment (its at-risk and its breach, both past after a pause) fire one after the other,
    // in order: the breach must see what the at-risk fire did, a fallback delivered included.
    const chains = new Map<string, Timer[]>();
    for (const timer of won) chains.set(timer.commitmentId, [...(chains.get(timer.commitmentId) ?? []), timer]);
    const queue = [...chains.values()];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < queue.length) {
        const chain = queue[next];
        next += 1;
        for (const timer of chain ?? []) await fireOne(timer);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
  }

  async function fireOne(timer: Timer): Promise<boolean> {
    options.onFired?.(timer, clock.now().getTime() - timer.fireAt.getTime());
    try {
      await options.fire(timer);
      await store.complete({ ids: [timer.id], owner, now: wall.now() });
      return true;
    } catch (error) {
      options.onError(error, timer);
      return false;
    }
  }

  function plan(): void {
    if (stopped) return;
    const now = clock.now().getTime();
    const next = Math.min(heap.peek()?.fireAt.getTime() ?? Number.POSITIVE_INFINITY, nextRefillAt);
    if (wake && next >= wakeAt) return;
    if (wake) clearTimeout(wake);
    wakeAt = next;
    wake = setTimeout(
      () => {
        wake = undefined;
        wakeAt = Number.POSITIVE_INFINITY;
        loop = loop.then(cycle);
      },
      Math.max(0, next - now),
    );
  }

  async function cycle(): Promise<void> {
    if (stopped || running) return;
    running = true;
    try {
      for (;;) {
        const now = clock.now();
        if (now.getTime() >= nextRefillAt || beyondHorizon()) {
          nextRefillAt = now.getTime() + refillEveryMs;
          await refill(new Date(now.getTime() + windowMs));
        }
        await fireDue(clock.now());
        // A backlog larger than one load is drained load after load, not one load per refill period.
        if (stopped || !beyondHorizon() || (heap.peek()?.fireAt.getTime() ?? 0) > clock.now().getTime()) break;
      }
    } catch (error) {
      // A store outage must not stop the loop; the next refill retries.
      options.onError(error, null);
    } finally {
      running = false;
      plan();
    }
  }

  return {
    start() {
      if (clock.mode !== 'system') throw new RangeError('start() needs the system clock; use advanceTo with a manual clock');
      stopped = false;
      nextRefillAt = 0;
      loop = loop.then(cycle);
    },
    async stop() {
      stopped = true;
      if (wake) clearTimeout(wake);
      wake = undefined;
      await loop;
    },
    add(timer) {
      if (clock.mode === 'system' && timer.fireAt.getTime() > clock.now().getTime() + windowMs) return;
      hold(timer);
      plan();
    },
    async advanceTo(to, advanceOptions) {
      if (clock.mode !== 'manual') throw new RangeError('advanceTo needs the manual clock');
      const manual = clock as ManualClock;
      const skip = new Set<string>();
      const nextDue = (): Timer | undefined => {
        let top = heap.peek();
        while (top && skip.has(top.id)) {
          heap.pop();
          held.delete(top.id);
          top = heap.peek();
        }
        return top && top.fireAt.getTime() <= to.getTime() ? top : undefined;
      };
      let loaded = false;
      for (;;) {
        // The heap is trusted while it holds due timers the last load covered; timers that firing creates
        // reach it through add(). The store is asked again only when the heap has nothing due left.
        let top = nextDue();
        if (!loaded || !top || beyondHorizon()) {
          await refill(to);
          loaded = true;
          top = nextDue();
        }
        if (!top) break;
        heap.pop();
        held.delete(top.id);
        if (top.fireAt.getTime() > manual.now().getTime()) manual.set(top.fireAt);
        const [won] = await store.claim({ ids: [top.id], owner, ...lease() });
        // Not won: another process took it, or an earlier timer of its commitment is still firing there (and
        // that process fires this one after it). Either way it is not asked for again in this advance.
        if (!won) skip.add(top.id);
        else if (!(await fireOne(won))) skip.add(won.id);
      }
      if (advanceOptions?.settle !== false && to.getTime() > manual.now().getTime()) manual.set(to);
    },
  };
}
