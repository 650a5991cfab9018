import { describe, expect, it } from 'vitest';
import { reasonOptions } from './reason-options';

describe('the reasons the composer offers for a Reason value', () => {
  it('lists the catalog by code with the words the customer will read, in catalog order', () => {
    const reasons = [
      { code: 'payment_verification_failed', customer_text: 'We could not verify the payment details for this order.', phrases: ['payment check'] },
      { code: 'out_of_stock', customer_text: 'The item is out of stock.' },
    ];
    expect(reasonOptions(reasons)).toEqual([
      { code: 'payment_verification_failed', customerText: 'We could not verify the payment details for this order.' },
      { code: 'out_of_stock', customerText: 'The item is out of stock.' },
    ]);
  });

  it('offers nothing when no catalog is loaded, and skips entries without a code', () => {
    expect(reasonOptions(undefined)).toEqual([]);
    expect(reasonOptions({ out_of_stock: {} })).toEqual([]);
    expect(reasonOptions([{ customer_text: 'No code' }, 'stray'])).toEqual([]);
  });
});
