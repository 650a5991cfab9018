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
import { createTestKept, testStart, type TestKept } from '../helpers/test-app.js';

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
    ports = createImportPorts({ db: kept.store.db, ingestEvents: kept.services.ingest.ingestEvents, finishHistory: kept.services.engine.service.finishHistory });
  }, 600_000);
  afterAll(async () => kept?.close());

  const caseOfCustomer = async (query: string) => {
    const customers = await kept.api('GET', `/api/v1/customers?${query}`);
    expect(customers.body.items).toHaveLength(1);
    const cases = await kept.api('GET', `/api/v1/cases?customer_id=${customers.body.items[0].id}`);
    expect(cases.body.items).toHaveLength(1);
    return (await kept.api('GET', `/api/v1/cases/${cases.body.items[0].id}`)).body;
  };

  it("puts a Zendesk ticket's conversation on one case, with its subject, original times and the agent's name", async () => {
    const report = await runImport({ path: fixture('zendesk-full-export.jsonl'), format: 'zendesk', ports, liveAfter: testStart });
    expect(report).toMatchObject({ records: 6, events: 5, accepted: 5, duplicates: 0, invalid: 0, skipped: 1, problems: [] });
    const ana = await caseOfCustomer('email=ana.lima@example.com');
    expect(ana.subject).toBe('Where is my refund?');
    expect(ana.messages.map((message: { direction: string; at: string; author_id: string | null }) => [message.direction, message.at, message.author_id])).toEqual([
      ['in', '2026-03-02T09:15:00.000Z', null],
      ['out', '2026-03-02T16:30:00.000Z', 'Lee Park'],
      ['in', '2026-03-03T08:00:00.000Z', null],
    ]);
  });

  it('reads Freshdesk tickets, reports the one it cannot read, and a second run of a finished file loads nothing again', async () => {
    const first = await runImport({ path: fixture('freshdesk-tickets.jsonl'), format: 'freshdesk', ports, liveAfter: testStart });
    expect(first).toMatchObject({ events: 4, accepted: 4, duplicates: 0, problems: [{ position: 2, problem: 'ticket: created_at: Invalid input: expected string, received undefined' }] });
    const eve = await caseOfCustomer('email=eve@example.com');
    expect(eve.messages.map((message: { body: string }) => message.body)).toEqual(['I ordered M and got L.', 'Sorry Eve, an exchange label is attached.', 'Thanks, the new one fits.']);

    const again = await runImport({ path: fixture('freshdesk-tickets.jsonl'), format: 'freshdesk', ports, liveAfter: testStart });
    expect(again).toMatchObject({ resumedAfter: 2, accepted: 4, duplicates: 0 });
  });

  it('replays a history of hundreds of old cancellations without a single message, escalation or webhook, settled as of then', async () => {
    const path = join(dir, `cancellations-${storeKind}.jsonl`);
    const june = (minutes: number) => new Date(Date.UTC(2026, 5, 1, 8, minutes)).toISOString();
    const lines: object[] = [];
    for (let i = 0; i < 200; i++) {
      const customer = { email: `hist-${i}@example.com` };
      lines.push({ id: `hist-cancel-${i}`, type: 'order.cancelled', occurred_at: june(i * 2), customer, order: { id: `H-${5000 + i}` }, data: { reason: 'payment_verification_failed' } });
      // A quarter were told by the shop five minutes later: their notices were kept, on time.
      if (i % 4 === 0)
        lines.push({
          id: `hist-told-${i}`,
          type: 'message.sent',
          occurred_at: june(i * 2 + 5),
          customer,
          order: { id: `H-${5000 + i}` },
          data: { channel: 'email', text: `Your order H-${5000 + i} was cancelled: the payment check failed.`, author: 'shop' },
        });
    }
    for (let i = 0; i < 20; i++)
      lines.push({
        id: `hist-manager-${i}`,
        type: 'contact.received',
        occurred_at: june(500 + i),
        customer: { email: `angry-${i}@example.com` },
        data: { channel: 'web_form', text: 'This is the third time I write. I demand to speak to a manager.' },
      });
    // Cancelled ten minutes before the horizon: its notice is due after it, so it is owed live.
    lines.push({
      id: 'hist-cancel-late',
      type: 'order.cancelled',
      occurred_at: '2026-12-01T08:55:00.000Z',
      customer: { email: 'just-now@example.com' },
      order: { id: 'H-9999' },
      data: { reason: 'payment_verification_failed' },
    });
    lines.sort((a, b) => Date.parse((a as { occurred_at: string }).occurred_at) - Date.parse((b as { occurred_at: string }).occurred_at));
    await writeFile(path, `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`);

    const report = await runImport({ path, format: 'jsonl', ports, liveAfter: testStart, batchSize: 100 });
    expect(report).toMatchObject({ events: 271, history: 271, live: 0, accepted: 271, invalid: 0 });

    const outbox = await kept.api('GET', '/api/v1/outbox?limit=500');
    expect(outbox.body.items).toEqual([]);
    const notices = async (state: string) =>
      (await kept.api('GET', `/api/v1/commitments?kind=notify&state=${state}&limit=1000`)).body.items as { order_number: string; breached_at: string | null; due_at: string }[];
    expect(await notices('kept')).toHaveLength(50);
    const broken = await notices('breached');
    expect(broken).toHaveLength(150);
    // Broken as of their own deadlines, not as of the day they were imported.
    expect(broken.every((c) => c.breached_at === c.due_at)).toBe(true);
    expect((await notices('open')).map((c) => c.order_number)).toEqual(['H-9999']);
    const escalations = (await kept.api('GET', '/api/v1/commitments?kind=escalation&limit=1000')).body.items as { state: string; opened_by: string }[];
    expect(escalations).toHaveLength(20);
    expect(escalations.every((c) => c.state === 'breached' && !c.opened_by.endsWith(':escalate'))).toBe(true);

    // Past the horizon the one live notice is owed like any other: Kept's fallback goes out for it, and only it.
    const moved = await kept.api('POST', '/api/v1/clock', { to: '2026-12-01T09:06:00Z' });
    expect(moved.status).toBe(200);
    const sent = (await kept.api('GET', '/api/v1/outbox?limit=500')).body.items as { to: string }[];
    expect(sent.map((entry) => entry.to)).toEqual(['just-now@example.com']);
  });

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
      async ingest(batch, options) {
        calls++;
        if (calls === 3) throw new Error('the process was stopped');
        return ports.ingest(batch, options);
      },
    };
    await expect(runImport({ path, format: 'jsonl', ports: crashing, batchSize: 50, liveAfter: testStart })).rejects.toThrow('the process was stopped');

    const resumed = await runImport({ path, format: 'jsonl', ports, batchSize: 50, liveAfter: testStart });
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
