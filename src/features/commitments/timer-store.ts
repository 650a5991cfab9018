// The scheduler's view of persisted timers. The store is the truth; memory only holds a near window of it.
import type { TimerRef } from './engine.types.js';

export interface Timer extends TimerRef {
  id: string;
}

/**
 * Persisted timers, shared by every Kept process on one database.
 *
 * A timer is *due* when `fireAt <= until`, it has not been completed, and it is not under a live claim
 * (no claim, or a claim whose lease ended before `now`: its process died). The PostgreSQL implementation:
 *
 * - `loadDue`: `SELECT … WHERE fired_at IS NULL AND fire_at <= $until AND (lease_until IS NULL OR lease_until < $now)
 *   ORDER BY fire_at, id LIMIT $limit` — no locks; several processes may load the same rows.
 * - `claim`: `UPDATE timers SET claimed_by = $owner, lease_until = $leaseUntil WHERE id IN (SELECT id FROM timers
 *   WHERE id = ANY($ids) AND fired_at IS NULL AND (lease_until IS NULL OR lease_until < $now) AND no earlier
 *   timer of the same commitment is unfired and not abandoned FOR UPDATE SKIP LOCKED) RETURNING …` — exactly
 *   one process wins each row, and a commitment's timers go one after the other, whoever fires them.
 *
 * `now` and the leases are wall-clock time (a lease tells whether its process lives), also under a manual
 * clock; `until` is Kept's clock.
 * - `complete`: `UPDATE timers SET fired_at = $now WHERE id = ANY($ids) AND claimed_by = $owner` (or DELETE).
 *   It may also run inside the transaction that applies the timer's decisions, and then be a no-op here.
 */
export interface TimerStore {
  loadDue(options: { until: Date; now: Date; limit: number }): Promise<Timer[]>;
  /** Claims what it can of `ids` for `owner`; returns only the timers this call won. */
  claim(options: { ids: readonly string[]; owner: string; now: Date; leaseUntil: Date }): Promise<Timer[]>;
  complete(options: { ids: readonly string[]; owner: string; now: Date }): Promise<void>;
}
