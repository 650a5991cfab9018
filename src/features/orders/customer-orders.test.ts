// The in-memory index of each customer's orders that routing reads during a batch.
import { describe, expect, it } from 'vitest';
import { createCustomerOrders } from './customer-orders.js';
import type { OrderWrite } from './order.js';

const write = (number: string, fields: Partial<OrderWrite>): OrderWrite => ({
  number,
  exists: false,
  customerId: null,
  update: { state: null, reasonCode: null, facts: {} },
  eventId: `e-${number}`,
  at: new Date('2026-12-01T10:00:00Z'),
  isPlacement: false,
  ...fields,
});

describe("a customer's orders through a batch", () => {
  it('lists them as the store does: never placed first, then newest placement first', () => {
    const orders = createCustomerOrders([
      { number: 'A-1', customerId: 'cus_ana', placedAt: new Date('2026-11-01T00:00:00Z') },
      { number: 'A-2', customerId: 'cus_ana', placedAt: new Date('2026-11-20T00:00:00Z') },
      { number: 'A-0', customerId: 'cus_ana', placedAt: null },
      { number: 'B-1', customerId: 'cus_ben', placedAt: new Date('2026-11-05T00:00:00Z') },
    ]);
    expect(orders.numbersOf('cus_ana')).toEqual(['A-0', 'A-2', 'A-1']);
  });

  it('takes in orders placed in the batch, orders that changed hands, and merged customers', () => {
    const orders = createCustomerOrders([{ number: 'B-1', customerId: 'cus_ben', placedAt: new Date('2026-11-05T00:00:00Z') }]);
    orders.apply([write('A-3', { customerId: 'cus_ana', isPlacement: true }), write('B-1', { customerId: 'cus_ana' })]);
    expect(orders.numbersOf('cus_ana')).toEqual(['A-3', 'B-1']);
    expect(orders.numbersOf('cus_ben')).toEqual([]);
    orders.apply([write('A-3', {})]);
    expect(orders.numbersOf('cus_ana')).toEqual(['A-3', 'B-1']);
    orders.merge({ survivorId: 'cus_old', mergedIds: ['cus_ana'] });
    expect(orders.numbersOf('cus_old')).toEqual(['A-3', 'B-1']);
    expect(orders.numbersOf('cus_ana')).toEqual([]);
  });
});
