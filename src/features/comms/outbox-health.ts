// The outbox's part of /api/v1/health: messages waiting to go out and those that failed for good. Delivery
// retries for a while, so a queue of a few minutes is normal; an hour-old message is not.
import type { Queryable } from '../../db/create-db.js';
import type { Clock } from '../../shared/clock.js';
import type { HealthContributor } from '../../shared/health.js';
import { readOutboxBacklog } from './outbox.repo.js';

const degradedQueueSeconds = 15 * 60;
const failedWindowMs = 24 * 3_600_000;

export function createOutboxHealth(deps: { db: Queryable; clock: Clock }): HealthContributor {
  return async () => {
    const at = deps.clock.now();
    const backlog = await readOutboxBacklog(deps.db, { failedSince: new Date(at.getTime() - failedWindowMs) });
    const oldestSeconds = backlog.oldestQueuedAt ? Math.max(0, Math.round((at.getTime() - backlog.oldestQueuedAt.getTime()) / 1_000)) : 0;
    const status = oldestSeconds > degradedQueueSeconds || backlog.failed > 0 ? 'degraded' : 'ok';
    return { status, queued: backlog.queued, oldest_queued_seconds: oldestSeconds, failed_last_24h: backlog.failed };
  };
}
