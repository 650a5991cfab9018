// Search's reads on both stores: each kind finds what it must by the index that stops early (newest
// messages, order number btrees) and, when that is not enough, by the full-text or trigram index.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, storeKinds, type TestStore } from '../../../test/helpers/stores.js';
import { parseQuery } from './search.js';
import { searchCustomers, searchMessages, searchOrders } from './search.repo.js';

describe.each(storeKinds)('search reads on %s', (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore(kind);
    const db = store.db;
    await sql`insert into customers (id, name, created_at, updated_at) values
      ('cus_ana', 'Ana Lopez', now(), now()), ('cus_old', 'Ana Lopez', now(), now()), ('cus_bo', 'Bo Ramsey', now(), now())`.execute(db);
    await sql`update customers set merged_into = 'cus_ana' where id = 'cus_old'`.execute(db);
    await sql`insert into identities (id, customer_id, kind, value, created_at) values
      ('idn_1', 'cus_ana', 'email', 'ana.lopez@example.com', now()), ('idn_2', 'cus_old', 'email', 'ana@lopez.example', now()),
      ('idn_3', 'cus_bo', 'email', 'bo@example.com', now())`.execute(db);
    await sql`insert into orders (id, number, customer_id, state, status_token, tracking_number, updated_at)
      select 'ord_' || g, 'IW-' || (100000 + g), 'cus_bo', 'shipped', 'tok_' || g, null, now() from generate_series(1, 300) g`.execute(db);
    await sql`update orders set tracking_number = '1Z999AA10123456784' where number = 'IW-100250'`.execute(db);
    // 2,500 newer messages about parcels, then one old message about a kettle: more than the newest read first.
    await sql`insert into messages (id, customer_id, direction, channel, author_kind, body, status, at)
      select 'msg_' || g, 'cus_bo', 'in', 'email', 'customer', 'where is my parcel number ' || g, 'received', timestamptz '2026-12-01' + g * interval '1 minute'
      from generate_series(1, 2500) g`.execute(db);
    await sql`insert into messages (id, customer_id, direction, channel, author_kind, body, status, at)
      values ('msg_kettle', 'cus_ana', 'in', 'email', 'customer', 'The kettle arrived broken and the lid is cracked.', 'received', timestamptz '2026-11-01')`.execute(db);
  });
  afterAll(async () => store?.close());

  it('finds a common word among the newest messages, the newest ranked first among equals', async () => {
    const found = await searchMessages(store.db, parseQuery('parcel'), 5);
    expect(found.map((row) => row.id)).toEqual(['msg_2500', 'msg_2499', 'msg_2498', 'msg_2497', 'msg_2496']);
  });

  it('finds a word only an older message holds, through the full-text index; the last word also as a prefix', async () => {
    expect((await searchMessages(store.db, parseQuery('kettle'), 5)).map((row) => row.id)).toEqual(['msg_kettle']);
    const prefixed = await searchMessages(store.db, parseQuery('lid crack'), 5);
    expect(prefixed.map((row) => row.id)).toEqual(['msg_kettle']);
    expect(prefixed[0]?.headline).toContain('\u0002cracked\u0003');
    // Only the last word is a prefix: "crack lid" asks for the word "crack", which no message holds.
    expect(await searchMessages(store.db, parseQuery('crack lid'), 5)).toEqual([]);
  });

  it('finds an order by its last digits, its start, and a piece of its tracking number', async () => {
    const byDigits = await searchOrders(store.db, parseQuery('0250'), 20);
    expect(byDigits.map((row) => [row.number, row.score])).toEqual([['IW-100250', 0.9]]);
    expect((await searchOrders(store.db, parseQuery('iw-100250'), 20))[0]).toMatchObject({ number: 'IW-100250', score: 1 });
    expect((await searchOrders(store.db, parseQuery('IW-1002'), 100)).map((row) => row.number)).toHaveLength(100);
    expect((await searchOrders(store.db, parseQuery('AA101234'), 20)).map((row) => row.number)).toEqual(['IW-100250']);
  });

  it('finds a customer by an address from its start or from inside, never one merged into another', async () => {
    const byStart = await searchCustomers(store.db, parseQuery('ana.lopez@exa'), 20);
    expect(byStart.map((row) => [row.id, row.kind])).toEqual([['cus_ana', 'email']]);
    const inside = await searchCustomers(store.db, parseQuery('lopez'), 20);
    expect(inside.map((row) => [row.id, row.kind ?? 'name'])).toEqual([
      ['cus_ana', 'name'],
      ['cus_ana', 'email'],
    ]);
  });

  it('reads a query of two characters only from the start of names, addresses and order numbers', async () => {
    const byStart = await searchCustomers(store.db, parseQuery('an'), 20);
    expect(byStart.map((row) => row.kind ?? 'name').sort()).toEqual(['email', 'name']);
    expect(new Set(byStart.map((row) => row.id))).toEqual(new Set(['cus_ana']));
    expect(await searchCustomers(store.db, parseQuery('ez'), 20)).toEqual([]);
    expect((await searchOrders(store.db, parseQuery('50'), 20)).map((row) => row.number)).toEqual(['IW-100050', 'IW-100150', 'IW-100250']);
  });
});

describe('the query', () => {
  it('requires every word, the last also as a prefix when it has three letters or more', () => {
    expect(parseQuery('Lid crack').tsquery).toBe('lid & crack:*');
    expect(parseQuery('voucher birthday 12').tsquery).toBe('voucher & birthday & 12');
    expect(parseQuery('50%_off').reversedLike).toBe('ffo\\_\\%05');
    expect([parseQuery('K-12').trigrams, parseQuery('an').trigrams, parseQuery('a b').trigrams, parseQuery('K-123').trigrams]).toEqual([false, false, false, true]);
  });
});
