// Upgrades: the current code starts on a store written by the first release (v0.1.0, fixture from
// test/fixtures/first-release/) and finds everything in it; migrations run once, in order, even when two
// processes start on a new database at the same moment.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type Kept } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { createStore, type Store } from '../../src/db/create-db.js';
import { migrations } from '../../src/db/migrations/index.js';
import { createTestDatabase, storeKinds, type StoreKind } from '../helpers/stores.js';

const fixture = readFileSync(new URL('../fixtures/first-release/first-release.sql', import.meta.url), 'utf8');
const token = 'kept_upgrade_admin_token_0123456789';

async function appliedMigrations(store: Store): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from kysely_migration order by timestamp, name`.execute(store.db);
  return rows.map((row) => row.name);
}

/** A store holding exactly what the first release wrote, opened by the current code (which migrates it). */
async function openFirstReleaseStore(kind: StoreKind, cleanups: (() => Promise<void>)[]): Promise<Store> {
  if (kind === 'pglite') {
    // A data directory holding the first release's tables and rows, then opened by today's createStore.
    const dataDir = join(mkdtempSync(join(tmpdir(), 'kept-upgrade-')), 'data');
    const old = await PGlite.create(dataDir);
    await old.exec(fixture);
    await old.close();
    return createStore({ dataDir });
  }
  const database = await createTestDatabase();
  cleanups.push(database.drop);
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  await client.query(fixture);
  await client.end();
  return createStore({ databaseUrl: database.url });
}

describe.each(storeKinds)('upgrading from the first release on %s', (kind) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it("migrates the first release's store in order and finds its customers, cases, agents and events", { timeout: 120_000 }, async () => {
    const store = await openFirstReleaseStore(kind, cleanups);
    const kept: Kept = await buildApp({ config: loadConfig({ KEPT_CLOCK: 'manual', KEPT_ADMIN_TOKEN: token, KEPT_LOG_LEVEL: 'silent' }), store, clockStart: new Date('2026-11-25T09:00:00Z') });
    cleanups.push(async () => {
      await kept.close();
      await store.close();
    });
    expect(await appliedMigrations(store)).toEqual(Object.keys(migrations).sort());

    const api = async (method: 'GET' | 'POST', url: string, body?: unknown, bearer = token) => {
      const response = await kept.app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
      });
      return { status: response.statusCode, body: response.json() };
    };
    // The first release's admin token still works (it is stored, hashed, like today's).
    const [ana] = (await api('GET', '/api/v1/customers?email=ana@example.com')).body.items;
    expect(ana.name).toBe('Ana');
    expect(ana.identities.map((identity: { value: string }) => identity.value).sort()).toEqual(['+15551234567', 'ana@example.com', 'twitter:@ana']);
    expect((await api('GET', '/api/v1/customers?handle=@ana')).body.items.map((customer: { id: string }) => customer.id)).toEqual([ana.id]);
    const timeline = (await api('GET', `/api/v1/customers/${ana.id}/timeline`)).body.items;
    expect(timeline.filter((item: { type: string }) => item.type === 'event').map((item: { event_id: string }) => item.event_id)).toEqual(['v010-1', 'v010-2']);
    const events = await store.db.selectFrom('events').select('id').where('customer_id', '=', ana.id).orderBy('seq').execute();
    expect(events.map((event) => event.id)).toEqual(['v010-1', 'v010-2', 'v010-3']);
    const cases = (await api('GET', `/api/v1/cases?customer_id=${ana.id}`)).body.items;
    expect(cases).toHaveLength(1);
    const theCase = (await api('GET', `/api/v1/cases/${cases[0].id}`)).body;
    expect(theCase.messages.map((message: { direction: string; body?: string; text?: string }) => message.direction)).toEqual(['in', 'out']);
    expect((await api('GET', '/api/v1/customers?email=ben@example.com')).body.items).toHaveLength(1);
    // The first release stored the reply's text in the outbox and in the message; the entry now reads it there.
    const outbox = (await api('GET', `/api/v1/outbox?customer_id=${ana.id}`)).body.items;
    expect(outbox.map((entry: { body: string; subject: string }) => [entry.subject, entry.body])).toEqual([['Re: My order', 'Hello Ana, we are looking into A-1001 for you.']]);
    expect(await store.db.selectFrom('outbox').select(['body', 'html', 'text_from_message']).execute()).toEqual([{ body: '', html: null, text_from_message: true }]);

    // Rosa logs in with the password she set under the first release.
    const login = await kept.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'rosa@example.com', password: 'rosa first release' } });
    expect(login.statusCode).toBe(200);
    // An event the first release took is still a duplicate; a new one is taken.
    expect((await api('POST', '/api/v1/events', { id: 'v010-2', type: 'order.cancelled', order: { id: 'A-1001' }, data: { reason: 'payment_verification_failed' } })).body).toEqual({
      accepted: 0,
      duplicates: 1,
    });
    expect((await api('POST', '/api/v1/events', { id: 'v020-1', type: 'order.shipped', order: { id: 'B-2002' }, data: {} })).body).toEqual({ accepted: 1, duplicates: 0 });
  });
});

describe('two processes starting on a new PostgreSQL database at once', () => {
  it('run each migration once, in order, and both start', { timeout: 120_000 }, async () => {
    const database = await createTestDatabase();
    try {
      // Two pools are two sets of connections, as two processes would open.
      const stores = await Promise.all([createStore({ databaseUrl: database.url, poolSize: 2 }), createStore({ databaseUrl: database.url, poolSize: 2 })]);
      expect(await appliedMigrations(stores[0])).toEqual(Object.keys(migrations).sort());
      for (const store of stores) expect(await store.db.selectFrom('events').select('id').execute()).toEqual([]);
      await Promise.all(stores.map((store) => store.close()));
    } finally {
      await database.drop();
    }
  });
});
