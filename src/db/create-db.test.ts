import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createStore } from './create-db.js';
import { initPgliteDir, needsInitdb } from './init-pglite-dir.js';

const dirs: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'kept-create-db-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('the embedded store on disk', () => {
  it('creates a new data directory, runs the migrations and finds its rows again after a reopen', { timeout: 120_000 }, async () => {
    const dataDir = freshDir();
    expect(needsInitdb(dataDir)).toBe(true);
    const first = await createStore({ dataDir });
    expect(needsInitdb(dataDir)).toBe(false);
    await sql`insert into agents (id, name, email, role, created_at) values ('a_1', 'Ana', 'ana@example.com', 'agent', now())`.execute(first.db);
    await first.close();

    const again = await createStore({ dataDir });
    const { rows } = await sql<{ name: string }>`select name from agents where id = 'a_1'`.execute(again.db);
    expect(rows).toEqual([{ name: 'Ana' }]);
    // The embedded PostgreSQL runs with 32 MB of shared buffers, not the default 128 MB (create-db.ts).
    const { rows: settings } = await sql<{ shared_buffers: string }>`show shared_buffers`.execute(again.db);
    expect(settings).toEqual([{ shared_buffers: '32MB' }]);
    await again.close();
  });

  it('says what went wrong when a data directory cannot be created', async () => {
    const file = join(freshDir(), 'not-a-directory');
    writeFileSync(file, 'a file where the directory should be');
    await expect(initPgliteDir({ dataDir: file, startParams: [] })).rejects.toThrow(/creating the data directory .* failed/);
  });
});
