// `kept backup` while Kept takes events, and `kept restore` into an empty store: every event Kept had
// acknowledged before the backup began is in the restored store, on both stores.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type Kept } from '../../src/app.js';
import { runBackupCommand, runRestoreCommand } from '../../src/cli/backup-command.js';
import { loadConfig } from '../../src/config/config.js';
import { createStore } from '../../src/db/create-db.js';
import { createTestDatabase, storeKinds, type StoreKind } from '../helpers/stores.js';

const token = 'kept_backup_admin_token_0123456789';

/** Posts batches of events one after another until stopped; `acked` holds every id answered 202. */
function startLoad(baseUrl: string) {
  const acked: string[] = [];
  let stopped = false;
  let batch = 0;
  const done = (async () => {
    while (!stopped) {
      batch += 1;
      const events = Array.from({ length: 10 }, (_, index) => ({
        id: `load-${batch}-${index}`,
        type: 'order.placed',
        customer: { email: `buyer-${batch}-${index}@example.com` },
        order: { id: `B-${batch}-${index}`, total: { amount: 20, currency: 'EUR' } },
      }));
      const response = await fetch(`${baseUrl}/api/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ events }) });
      if (response.status !== 202) throw new Error(`ingest answered ${response.status}: ${await response.text()}`);
      acked.push(...events.map((event) => event.id));
    }
  })();
  // A refused batch stops the load and fails the test at once.
  const failed = done.then(() => undefined);
  const stop = async () => {
    stopped = true;
    await done;
  };
  return { acked, failed, stop };
}

async function storedEventIds(options: { databaseUrl?: string; dataDir?: string }): Promise<Set<string>> {
  const store = await createStore(options);
  const rows = await store.db.selectFrom('events').select('id').execute();
  await store.close();
  return new Set(rows.map((row) => row.id));
}

describe.each(storeKinds)('backup and restore on %s', (kind: StoreKind) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('restores a backup taken under load with every event acknowledged before it', { timeout: 240_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kept-backup-'));
    const source = kind === 'postgres' ? await createTestDatabase() : undefined;
    if (source) cleanups.push(source.drop);
    const config = loadConfig({ KEPT_ADMIN_TOKEN: token, KEPT_LOG_LEVEL: 'silent', KEPT_DATA_DIR: join(dir, 'live'), ...(source ? { DATABASE_URL: source.url } : {}) });
    const kept: Kept = await buildApp({ config });
    cleanups.push(() => kept.close());
    await kept.app.listen({ port: 0, host: '127.0.0.1' });
    const address = kept.app.server.address();
    const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

    const load = startLoad(baseUrl);
    await Promise.race([
      load.failed,
      (async () => {
        while (load.acked.length < 100) await new Promise((resolve) => setTimeout(resolve, 20));
      })(),
    ]);
    const ackedBefore = [...load.acked];
    const file = join(dir, kind === 'postgres' ? 'kept.dump' : 'kept.tar.gz');
    expect(await runBackupCommand([file], { KEPT_URL: baseUrl, KEPT_ADMIN_TOKEN: token, ...(source ? { DATABASE_URL: source.url } : {}) })).toBe(0);
    // The load went on during the backup.
    const ackedDuring = load.acked.length - ackedBefore.length;
    await load.stop();
    expect(ackedDuring).toBeGreaterThan(0);

    const target = kind === 'postgres' ? await createTestDatabase() : undefined;
    if (target) cleanups.push(target.drop);
    const restoredDir = join(dir, 'restored');
    expect(await runRestoreCommand([file], target ? { DATABASE_URL: target.url } : { KEPT_DATA_DIR: restoredDir })).toBe(0);

    const restored = await storedEventIds(target ? { databaseUrl: target.url } : { dataDir: restoredDir });
    expect(ackedBefore.filter((id) => !restored.has(id))).toEqual([]);
    // Nothing appears that Kept never took.
    const sent = new Set(load.acked);
    expect([...restored].filter((id) => !sent.has(id))).toEqual([]);

    // A restore never writes over a store that has data.
    await expect(runRestoreCommand([file], target ? { DATABASE_URL: target.url } : { KEPT_DATA_DIR: restoredDir })).rejects.toThrow(/not empty/);
  });
});
