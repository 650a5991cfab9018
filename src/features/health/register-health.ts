// Builds the health registry with Kept's own parts and its route; app.ts calls this once and hands the
// registry on (Kept.health), so a feature wired later (shop connectors) adds its part with health.add().
import type { Logger } from 'pino';
import { createMailHealth } from '../../channels/email/mail-health.js';
import type { Store } from '../../db/create-db.js';
import { createStoreGuard, type StoreGuard } from '../../db/store-guard.js';
import { createStoreHealth } from '../../db/store-health.js';
import type { App } from '../../http/route-types.js';
import { registerWriteGuard } from '../../http/write-guard.js';
import type { Clock } from '../../shared/clock.js';
import { createHealthRegistry, type HealthRegistry } from '../../shared/health.js';
import { createSchedulerHealth } from '../commitments/scheduler-health.js';
import { createOutboxHealth } from '../comms/outbox-health.js';
import { registerHealthRoutes } from './health.routes.js';

export function registerHealth(app: App, deps: { store: Store; clock: Clock; logger: Logger; minFreeMb: number }): { health: HealthRegistry; guard: StoreGuard } {
  const guard = createStoreGuard({ dataDir: deps.store.dataDir, minFreeBytes: deps.minFreeMb * 1_048_576, logger: deps.logger });
  registerWriteGuard(app, { guard });
  const health = createHealthRegistry();
  const db = deps.store.db;
  health.add('store', createStoreHealth({ store: deps.store, guard }));
  health.add('scheduler', createSchedulerHealth({ db, clock: deps.clock }));
  health.add('outbox', createOutboxHealth({ db, clock: deps.clock }));
  health.add('mail', createMailHealth({ db }));
  registerHealthRoutes(app, { health, clock: deps.clock });
  return { health, guard };
}
