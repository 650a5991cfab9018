// The embedded store runs with WAL sized for an embedded store, not PostgreSQL's server defaults.
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { createStore } from './create-db.js';

it('opens the embedded store with 32 MB of buffers and at most 64 MB of WAL between checkpoints', async () => {
  const store = await createStore({ dataDir: 'memory://' });
  try {
    const settings = await sql<{ name: string; setting: string }>`
      select name, current_setting(name) as setting from pg_settings
      where name in ('shared_buffers', 'max_wal_size', 'min_wal_size', 'wal_compression') order by name`.execute(store.db);
    expect(settings.rows).toEqual([
      { name: 'max_wal_size', setting: '64MB' },
      { name: 'min_wal_size', setting: '32MB' },
      { name: 'shared_buffers', setting: '32MB' },
      { name: 'wal_compression', setting: 'pglz' },
    ]);
  } finally {
    await store.close();
  }
});
