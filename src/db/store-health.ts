// The store's part of /api/v1/health: does it answer a read, and can it take writes (the free space of the
// embedded store's file system). A store that cannot write is failing even though reads still answer.
import { sql } from 'kysely';
import type { HealthContributor } from '../shared/health.js';
import type { Store } from './create-db.js';
import type { StoreGuard } from './store-guard.js';

export function createStoreHealth(deps: { store: Store; guard: StoreGuard }): HealthContributor {
  return async () => {
    const started = performance.now();
    await sql`select 1`.execute(deps.store.db);
    const readMs = Math.round((performance.now() - started) * 10) / 10;
    const condition = await deps.guard.condition();
    return { status: condition.writable ? 'ok' : 'failing', dialect: deps.store.dialect, read_ms: readMs, ...condition };
  };
}
