import { describe, expect, it } from 'vitest';
import { findClaims } from './message-claims.js';

describe('findClaims', () => {
  it('reads each kind of claim with the label around it', () => {
    const claims = findClaims('Your order A-1001. We refunded $19.99 on December 3 to the card ending in 4242; tracking number 1Z999AA10123456784.');
    expect(claims).toEqual([
      { type: 'order_number', number: 'A-1001', quote: 'order A-1001' },
      { type: 'last4', label: 'card', digits: '4242', quote: 'on December 3 to the card ending in 4242' },
      { type: 'tracking_number', number: '1Z999AA10123456784', quote: 'tracking number 1Z999AA10123456784' },
      { type: 'amount', amountMinor: 1999, currency: 'USD', quote: '$19.99' },
      { type: 'date', kind: 'refunded', month: 12, day: 3, year: undefined, quote: 'December 3' },
    ]);
  });

  it('labels digits by the noun after them when none comes before', () => {
    expect(findClaims('The number ending in 7776 is our internal order number.')).toMatchObject([{ type: 'last4', label: 'order', digits: '7776' }]);
  });

  it('does not take a threshold or a bare number for a claim', () => {
    expect(findClaims('Orders over £50 ship free. Call us on weekdays.')).toEqual([]);
  });
});
