import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock, createSystemClock } from '../../shared/clock.js';
import type { CommitmentId } from '../../shared/values.js';
import { createScheduler, type Scheduler } from './scheduler.js';
import type { Timer, TimerStore } from './timer-store.js';

// A store with the claim semantics the PostgreSQL one has: a row is won by one claimer until its lease ends.
class MemoryTimerStore implements TimerStore {
  rows = new Map<string, { timer: Timer; owner: string | null; leaseUntil: number; done: boolean }>();
  loads = 0;

  put(timer: Timer): Timer {
    this.rows.set(timer.id, { timer, owner: null, leaseUntil: 0, done: false });
    return timer;
  }

  private free(row: { leaseUntil: number; done: boolean }, now: Date): boolean {
    return !row.done && row.leaseUntil < now.getTime();
  }

  async loadDue(options: { until: Date; now: Date; limit: number }): Promise<Timer[]> {
    this.loads += 1;
    return [...this.rows.values()]
      .filter((r) => this.free(r, options.now) && r.timer.fireAt.getTime() <= options.until.getTime())
      .map((r) => r.timer)
      .sort((a, b) => a.fireAt.getTime() - b.fireAt.getTime())
      .slice(0, options.limit);
  }

  /** As the store's claim: an earlier timer of the same commitment, still to fire and not abandoned, goes first. */
  private waitsForEarlier(timer: Timer, now: Date): boolean {
    return [...this.rows.values()].some(
      (other) =>
        other.timer.commitmentId === timer.commitmentId &&
        !other.done &&
        (other.owner === null || other.leaseUntil >= now.getTime()) &&
        (other.timer.fireAt.getTime() < timer.fireAt.getTime() || (other.timer.fireAt.getTime() === timer.fireAt.getTime() && other.timer.id < timer.id)),
    );
  }

  async claim(options: { ids: readonly string[]; owner: string; now: Date; leaseUntil: Date }): Promise<Timer[]> {
    await Promise.resolve();
    const won: Timer[] = [];
    for (const id of options.ids) {
      const row = this.rows.get(id);
      if (!row || !this.free(row, options.now) || this.waitsForEarlier(row.timer, options.now)) continue;
      row.owner = options.owner;
      row.leaseUntil = options.leaseUntil.getTime();
      won.push(row.timer);
    }
    return won;
  }

  async complete(options: { ids: readonly string[]; owner: string }): Promise<void> {
    for (const id of options.ids) {
      const row = this.rows.get(id);
      if (row && row.owner === options.owner) row.done = true;
    }
  }
}

let seq = 0;
function timerAt(fireAt: Date): Timer {
  seq += 1;
  const id = `tmr_${String(seq).padStart(6, '0')}`;
  return { id, commitmentId: `com_${seq}` as CommitmentId, kind: 'breach', fireAt, dueAt: fireAt };
}

const started: Scheduler[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.stop()));
});

const failOnError = (error: unknown): never => {
  throw error;
};

describe('with the manual clock', () => {
  it('advancing fires every timer due in the span, in deadline order, at its own time, before returning', async () => {
    const store = new MemoryTimerStore();
    const clock = createManualClock(new Date('2026-11-23T10:00:00Z'));
    const t = (iso: string): Timer => store.put(timerAt(new Date(iso)));
    const late = t('2026-11-23T10:05:00Z');
    const early = t('2026-11-23T10:01:00Z');
    const beyond = t('2026-11-23T11:00:00Z');
    const fired: { id: string; at: string }[] = [];
    const scheduler: Scheduler = createScheduler({
      store,
      clock,
      onError: failOnError,
      fire: async (timer) => {
        fired.push({ id: timer.id, at: clock.now().toISOString() });
        // Firing the first timer writes a new one due before the other: it must fire in between.
        if (timer.id === early.id) scheduler.add(store.put({ ...timerAt(new Date('2026-11-23T10:03:00Z')), id: 'tmr_made_by_fire' }));
        // One written to the store without telling the scheduler still fires before the advance returns.
        if (timer.id === late.id) store.put({ ...timerAt(new Date('2026-11-23T10:20:00Z')), id: 'tmr_written_only' });
      },
    });
    await scheduler.advanceTo(new Date('2026-11-23T10:30:00Z'));
    expect(fired).toEqual([
      { id: early.id, at: '2026-11-23T10:01:00.000Z' },
      { id: 'tmr_made_by_fire', at: '2026-11-23T10:03:00.000Z' },
      { id: late.id, at: '2026-11-23T10:05:00.000Z' },
      { id: 'tmr_written_only', at: '2026-11-23T10:20:00.000Z' },
    ]);
    expect(clock.now().toISOString()).toBe('2026-11-23T10:30:00.000Z');
    expect(store.rows.get(beyond.id)?.done).toBe(false);
    await scheduler.advanceTo(new Date('2026-11-23T12:00:00Z'));
    expect(fired.map((f) => f.id)).toContain(beyond.id);
  });

  it('fires 5,000 timers in deadline order through loads of 100, without asking the store for each one', async () => {
    const store = new MemoryTimerStore();
    const clock = createManualClock(new Date('2026-11-23T00:00:00Z'));
    const base = clock.now().getTime();
    for (let i = 0; i < 5_000; i += 1) store.put(timerAt(new Date(base + 1_000 + ((i * 7_919) % 86_400_000))));
    const fired: number[] = [];
    const scheduler = createScheduler({ store, clock, batchSize: 100, onError: failOnError, fire: async (t) => void fired.push(t.fireAt.getTime()) });
    await scheduler.advanceTo(new Date(base + 86_400_000));
    expect(fired).toHaveLength(5_000);
    expect(fired.every((t, i) => i === 0 || (fired[i - 1] ?? 0) <= t)).toBe(true);
    expect(store.loads).toBeLessThan(60);
  });

  it('a fire that fails is reported and not completed, and the advance goes on with the rest', async () => {
    const store = new MemoryTimerStore();
    const clock = createManualClock(new Date('2026-11-23T10:00:00Z'));
    const failing = store.put(timerAt(new Date('2026-11-23T10:01:00Z')));
    const next = store.put(timerAt(new Date('2026-11-23T10:02:00Z')));
    const errors: string[] = [];
    const fired: string[] = [];
    const scheduler = createScheduler({
      store,
      clock,
      leaseMs: 10_000,
      onError: (error, timer) => errors.push(`${timer?.id}: ${String(error)}`),
      fire: async (timer) => {
        if (timer.id === failing.id) throw new Error('database went away');
        fired.push(timer.id);
      },
    });
    // The span outlasts the failed timer's lease: it is not retried within the same advance.
    await scheduler.advanceTo(new Date('2026-11-23T10:05:00Z'));
    expect(errors).toEqual([`${failing.id}: Error: database went away`]);
    expect(fired).toEqual([next.id]);
    expect(store.rows.get(failing.id)?.done).toBe(false);
  });
});

describe('with the real clock', () => {
  // How soon after its deadline a timer fires is measured by bench/timers.bench.ts, not asserted here:
  // a loaded machine would make a timed assertion flaky without proving anything more.
  it('fires a timer at (never before) its deadline, whether it was added directly or only written to the store', async () => {
    const store = new MemoryTimerStore();
    const clock = createSystemClock();
    const lags = new Map<string, number>();
    const scheduler = createScheduler({
      store,
      clock,
      onError: failOnError,
      fire: async (timer) => {
        lags.set(timer.id, Date.now() - timer.fireAt.getTime());
      },
    });
    started.push(scheduler);
    scheduler.start();
    const added = store.put(timerAt(new Date(Date.now() + 300)));
    scheduler.add(added);
    // Written by another process: this one only learns of it from its next reload of the window.
    const written = store.put(timerAt(new Date(Date.now() + 400)));
    await waitFor(() => lags.size === 2);
    expect(lags.get(added.id)).toBeGreaterThanOrEqual(0);
    expect(lags.get(written.id)).toBeGreaterThanOrEqual(0);
  });

  it('two processes on one store fire each of 3,000 timers exactly once, none missed', async () => {
    const store = new MemoryTimerStore();
    const clock = createSystemClock();
    const fired = new Map<string, number>();
    const byOwner = new Map<string, number>();
    let earliest = Number.POSITIVE_INFINITY;
    const start = Date.now() + 200;
    for (let i = 0; i < 3_000; i += 1) store.put(timerAt(new Date(start + (i % 600))));
    const processes = ['a', 'b'].map((owner) =>
      createScheduler({
        store,
        clock,
        owner,
        batchSize: 250,
        concurrency: owner === 'a' ? 1 : 8,
        onError: failOnError,
        fire: async (timer) => {
          fired.set(timer.id, (fired.get(timer.id) ?? 0) + 1);
          byOwner.set(owner, (byOwner.get(owner) ?? 0) + 1);
          earliest = Math.min(earliest, Date.now() - timer.fireAt.getTime());
        },
      }),
    );
    for (const p of processes) {
      started.push(p);
      p.start();
    }
    await waitFor(() => fired.size === 3_000);
    // Give a straggler the chance to fire twice before counting.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(fired.size).toBe(3_000);
    expect([...fired.values()].every((n) => n === 1)).toBe(true);
    expect(earliest).toBeGreaterThanOrEqual(0);
    expect(byOwner.size).toBe(2);
  });

  it('a fire that fails is retried by the next claim once its lease ends', async () => {
    const store = new MemoryTimerStore();
    const timer = store.put(timerAt(new Date(Date.now() + 50)));
    let attempts = 0;
    const scheduler = createScheduler({
      store,
      clock: createSystemClock(),
      leaseMs: 300,
      refillEveryMs: 100,
      onError: () => undefined,
      fire: async () => {
        attempts += 1;
        if (attempts === 1) throw new Error('database went away');
      },
    });
    started.push(scheduler);
    scheduler.start();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(attempts).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(attempts).toBe(2);
    expect(store.rows.get(timer.id)?.done).toBe(true);
  });

  it('after a crash, a restarted process fires what the dead one had claimed but not finished', async () => {
    const store = new MemoryTimerStore();
    const clock = createSystemClock();
    const timer = store.put(timerAt(new Date(Date.now() - 5_000)));
    // The dead process claimed it a while ago; its lease has run out.
    await store.claim({ ids: [timer.id], owner: 'dead', now: new Date(Date.now() - 4_000), leaseUntil: new Date(Date.now() - 1_000) });
    const fired: string[] = [];
    const scheduler = createScheduler({ store, clock, onError: failOnError, fire: async (t) => void fired.push(t.id) });
    started.push(scheduler);
    scheduler.start();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fired).toEqual([timer.id]);
    expect(store.rows.get(timer.id)?.done).toBe(true);
  });
});

async function waitFor(done: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for timers to fire');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
