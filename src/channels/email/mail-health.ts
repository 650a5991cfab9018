// Inbound mail's part of /api/v1/health: mail waiting for the intake worker, and quarantined mail that a
// person must look at (it reached no case, so no commitment protects its sender).
import type { Queryable } from '../../db/create-db.js';
import type { HealthContributor } from '../../shared/health.js';
import { countUnfinishedMail } from './inbound-mail.repo.js';

export function createMailHealth(deps: { db: Queryable }): HealthContributor {
  return async () => {
    const counts = await countUnfinishedMail(deps.db);
    return { status: counts.quarantined > 0 ? 'degraded' : 'ok', pending: counts.pending, quarantined: counts.quarantined };
  };
}
