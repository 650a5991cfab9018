// Several Kept processes on one PostgreSQL (SPEC scale-out): a console connected to one of them hears of a
// change made through another, once; and after the database drops the listening connection, it hears again.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type Kept } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { createStore, type Store } from '../../src/db/create-db.js';
import { openLiveStream } from '../helpers/sse.js';
import { adminToken, createTestKept, testStart, type TestKept } from '../helpers/test-app.js';

describe('the live stream across processes on PostgreSQL', () => {
  let first: TestKept;
  let secondStore: Store;
  let second: Kept;
  const contact = (id: string, email: string) => ({ id, type: 'contact.received', occurred_at: '2026-12-01T09:00:00Z', customer: { email }, data: { channel: 'web_form', text: 'Hello?' } });
  const caseOf = async (email: string): Promise<string> => {
    const customer = (await first.api('GET', `/api/v1/customers?email=${email}`)).body.items[0];
    return (await first.api('GET', `/api/v1/cases?customer_id=${customer.id}`)).body.items[0].id;
  };

  beforeAll(async () => {
    first = await createTestKept({ store: 'postgres' });
    await first.app.listen({ port: 0, host: '127.0.0.1' });
    // The second process: its own pool and listening connection on the same database.
    secondStore = await createStore({ databaseUrl: first.store.databaseUrl });
    const config = loadConfig({ KEPT_CLOCK: 'manual', KEPT_ADMIN_TOKEN: adminToken, KEPT_LOG_LEVEL: 'silent' });
    second = await buildApp({ config, store: secondStore, clockStart: testStart });
    await second.app.listen({ port: 0, host: '127.0.0.1' });
  }, 120_000);

  afterAll(async () => {
    await second?.close();
    await secondStore?.close();
    await first?.close();
  });

  it('tells a console on one process of a case changed through another, and its own consoles once', async () => {
    const onSecond = await openLiveStream(second.app, adminToken);
    const onFirst = await openLiveStream(first.app, adminToken);
    expect((await first.api('POST', '/api/v1/events', contact('lx-1', 'ana@example.com'))).status).toBe(202);
    const caseId = await caseOf('ana@example.com');
    const event = `event: case.updated\ndata: {"case_id":"${caseId}"}\n\n`;
    expect(await onSecond.readUntil(event)).toContain(event);
    // By now the change has come back to the first process too, which knows it as its own.
    const heard = await onFirst.readUntil('never sent', 500);
    expect(heard.split(event).length - 1).toBe(1);
  });

  it('sends a change made through one process only to the consoles on the other that show it', async () => {
    await first.api('POST', '/api/v1/events', contact('lx-a', 'ada@example.com'));
    await first.api('POST', '/api/v1/events', contact('lx-b', 'bo@example.com'));
    const [caseA, caseB] = [await caseOf('ada@example.com'), await caseOf('bo@example.com')];
    const onA = await openLiveStream(second.app, adminToken, `case:${caseA}`);
    const onB = await openLiveStream(second.app, adminToken, `case:${caseB}`);
    const inbox = await openLiveStream(second.app, adminToken, 'cases');
    await first.api('POST', '/api/v1/events', { ...contact('lx-a-2', 'ada@example.com'), data: { channel: 'web_form', text: 'Any news?' } });
    const changedA = `event: case.updated\ndata: {"case_id":"${caseA}"}\n\n`;
    expect(await onA.readUntil(changedA)).toContain(changedA);
    expect(await inbox.readUntil(changedA)).toContain(changedA);
    expect(await onB.readUntil(caseA, 500)).not.toContain(caseA);
  });

  it('hears again after the database drops the listening connection', async () => {
    const onSecond = await openLiveStream(second.app, adminToken);
    const dropped = await sql<{ n: number }>`
      select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid() and query like 'listen %'`.execute(first.store.db);
    expect(dropped.rows[0]?.n).toBe(2);
    // Changes made before the connection is back reach no one; the next ones do.
    let heard = '';
    for (let attempt = 0; attempt < 20 && !heard.includes('case.updated'); attempt++) {
      await first.api('POST', '/api/v1/events', contact(`lx-again-${attempt}`, `again-${attempt}@example.com`));
      heard += await onSecond.readUntil('case.updated', 500);
    }
    expect(heard).toContain('event: case.updated');
  });
});
