// The scheduler's part of /api/v1/health: timers past their fire time that have not fired. A healthy Kept
// fires a timer within a second of its time, so a lag of minutes means no process is firing them.
import type { Queryable } from '../../db/create-db.js';
import type { Clock } from '../../shared/clock.js';
import type { HealthContributor } from '../../shared/health.js';
import { readOverdueTimers } from './timer.repo.js';

/** Degraded past this lag: the scheduler may have stopped, or is far behind. */
const degradedLagSeconds = 60;

export function createSchedulerHealth(deps: { db: Queryable; clock: Clock }): HealthContributor {
  return async () => {
    const at = deps.clock.now();
    // Timers due within the last second are the normal case of a timer about to fire.
    const overdue = await readOverdueTimers(deps.db, new Date(at.getTime() - 1_000));
    const lagSeconds = overdue.oldestFireAt ? Math.max(0, Math.round((at.getTime() - overdue.oldestFireAt.getTime()) / 1_000)) : 0;
    return { status: lagSeconds > degradedLagSeconds ? 'degraded' : 'ok', lag_seconds: lagSeconds, overdue_timers: overdue.count };
  };
}
