// The gift rule reads only gift orders now; it must see the gifts the customer's orders and the named order
// held before, in the same order, on both stores.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, storeKinds, type TestStore } from '../../../test/helpers/stores.js';
import * as repo from './order.repo.js';

describe.each(storeKinds)('the gift orders the gift rule reads, on %s', (storeKind) => {
  let store: TestStore;

  beforeAll(async () => {
    store = await createTestStore(storeKind);
    const at = new Date('2026-11-20T10:00:00Z');
    await store.db
      .insertInto('customers')
      .values(['cus_buyer', 'cus_other'].map((id) => ({ id, name: null, time_zone: null, created_at: at, updated_at: at })))
      .execute();
    const order = (number: string, customerId: string, placed: string, gift: boolean) => ({
      id: `ord_${number}`,
      number,
      customer_id: customerId,
      state: 'placed',
      items: JSON.stringify([]),
      is_gift: gift,
      recipient_email: gift ? `${number}@example.com` : null,
      facts: JSON.stringify({}),
      status_token: `tok_${number}`,
      placed_at: new Date(placed),
      updated_at: at,
    });
    await store.db
      .insertInto('orders')
      .values([
        order('G-1', 'cus_buyer', '2026-11-01T10:00:00Z', true),
        order('P-2', 'cus_buyer', '2026-11-05T10:00:00Z', false),
        order('G-3', 'cus_buyer', '2026-11-09T10:00:00Z', true),
        order('G-4', 'cus_other', '2026-11-12T10:00:00Z', true),
        order('P-5', 'cus_other', '2026-11-13T10:00:00Z', false),
      ])
      .execute();
  });
  afterAll(() => store.close());

  /** What the rule read before: the customer's orders newest first, then the named order when it is another's. */
  async function giftsAsBefore(customerId: string | null, orderNumber: string | null) {
    const orders = customerId ? await repo.listOrdersOfCustomer(store.db, customerId) : [];
    if (orderNumber && !orders.some((order) => order.number === orderNumber)) {
      const named = await repo.findOrderByNumber(store.db, orderNumber);
      if (named) orders.push(named);
    }
    return orders.filter((order) => order.isGift).map((order) => ({ number: order.number, recipientEmail: order.recipientEmail, giftContactConsent: order.giftContactConsent }));
  }

  it.each([
    ['cus_buyer', null],
    ['cus_buyer', 'G-1'],
    ['cus_buyer', 'G-4'],
    ['cus_buyer', 'P-5'],
    [null, 'G-4'],
    [null, 'P-2'],
    [null, null],
  ] as const)('customer %s naming order %s', async (customerId, orderNumber) => {
    const gifts = await repo.listGiftOrders(store.db, { customerId, orderNumber });
    expect(gifts).toEqual(await giftsAsBefore(customerId, orderNumber));
  });

  it('lists a buyer’s gifts newest first and another’s named gift last', async () => {
    const gifts = await repo.listGiftOrders(store.db, { customerId: 'cus_buyer', orderNumber: 'G-4' });
    expect(gifts.map((gift) => gift.number)).toEqual(['G-3', 'G-1', 'G-4']);
  });
});
