// `kept import` loads another desk's history with its original times and authors, on both stores, and a run
// stopped halfway resumes where it stopped without doubling anything.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createImportPorts } from '../../src/features/import/import-ports.js';
import { runImport, type ImportPorts } from '../../src/features/import/run-import.js';
import { runKeptCli } from '../helpers/run-kept-cli.js';
import { storeKinds } from '../helpers/stores.js';
import { createTestKept, type TestKept } from '../helpers/test-app.js';

const fixture = (name: string): string => resolve('src/features/import/fixtures', name);
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kept-import-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe.each(storeKinds)('importing on %s', (storeKind) => {
  let kept: TestKept;
  let ports: ImportPorts;

  beforeAll(async () => {
    kept = await createTestKept({ store: storeKind });
    ports = createImportPorts({ db: kept.store.db, ingestEvents: kept.services.ingest.ingestEvents });
  }, 600_000);
  afterAll(async () => kept?.close());

  it('resumes after a crash halfway: every event stored once, the second run starting after the last checkpoint', async () => {
    const path = join(dir, `history-${storeKind}.jsonl`);
    const events = Array.from({ length: 130 }, (_, i) => ({
      id: `resume-${i}`,
      type: 'contact.received',
      occurred_at: new Date(Date.UTC(2026, 5, 1, 8, i)).toISOString(),
      customer: { email: `resume-${i % 40}@example.com` },
      data: { channel: 'web_form', text: `Question number ${i}` },
    }));
    await writeFile(path, `${events.map((event) => JSON.stringify(event)).join('\n')}\n`);

    let calls = 0;
    const crashing: ImportPorts = {
      ...ports,
      async ingest(batch) {
        calls++;
        if (calls === 3) throw new Error('the process was stopped');
        return ports.ingest(batch);
      },
    };
    await expect(runImport({ path, format: 'jsonl', ports: crashing, batchSize: 50 })).rejects.toThrow('the process was stopped');

    const resumed = await runImport({ path, format: 'jsonl', ports, batchSize: 50 });
    expect(resumed).toMatchObject({ resumedAfter: 100, accepted: 130, duplicates: 0, events: 130 });
    const stored = await sql<{ count: string }>`select count(*)::text as count from events where id like 'resume-%'`.execute(kept.store.db);
    expect(stored.rows[0]?.count).toBe('130');
  });
});

const keptCli = (args: string[], env: Record<string, string>) => runKeptCli({ args, cwd: dir, env: { DATABASE_URL: '', KEPT_CONFIG: '', ...env } });

describe('kept import on the command line', () => {
  it('a dry run reads and reports the whole file, writes nothing, and exits 1 for the ticket it could not read', { timeout: 120_000 }, async () => {
    const dataDir = join(dir, 'dry-run-data');
    const run = await keptCli(['import', fixture('freshdesk-tickets.jsonl'), '--format', 'freshdesk', '--dry-run'], { KEPT_DATA_DIR: dataDir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Dry run of freshdesk-tickets.jsonl (freshdesk): 2 records, 4 valid events (contact.received 3, message.sent 1).');
    expect(run.stdout).toContain('Nothing was written.');
    expect(run.stdout).toContain('line 2: ticket: created_at');
    expect(existsSync(dataDir)).toBe(false);
  });

  it('refuses an unknown format, naming the flag', { timeout: 120_000 }, async () => {
    const run = await keptCli(['import', fixture('freshdesk-tickets.jsonl'), '--format', 'helpscout'], { KEPT_DATA_DIR: join(dir, 'never') });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--format: one of jsonl, csv, zendesk, freshdesk, not "helpscout"');
  });
});
