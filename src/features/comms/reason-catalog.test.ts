import { describe, expect, it } from 'vitest';
import { checkReasonCatalog, findStatedReasons, loadDefaultReasons, parseReasonsYaml } from './reason-catalog.js';
import { reasonCatalogSchema } from './reason.schemas.js';

const catalog = loadDefaultReasons();

describe('the shipped reason catalog', () => {
  it('has the common order reasons', () => {
    expect(catalog.map((reason) => reason.code)).toEqual([
      'payment_verification_failed',
      'out_of_stock',
      'address_undeliverable',
      'carrier_delay',
      'lost_in_transit',
      'damaged_in_transit',
      'customer_request',
      'fraud_suspected',
      'shop_decision',
      'delivery_attempted',
      'delivery_problem',
    ]);
  });

  it('never says "fraud" to the customer, in the reason text or its fallback message', () => {
    const fraud = catalog.find((reason) => reason.code === 'fraud_suspected');
    for (const reason of catalog) {
      const customerFacing = [reason.customer_text, reason.fallback.subject, reason.fallback.text].join('\n');
      expect(customerFacing).not.toMatch(/fraud/i);
    }
    expect(fraud?.internal_text).toMatch(/fraud/i);
  });

  it('reports a customer text that states another reason, or not its own', () => {
    expect(checkReasonCatalog(catalog)).toEqual([]);
    const edited = catalog.map((reason) => (reason.code === 'carrier_delay' ? { ...reason, customer_text: 'Your parcel is sold out at the depot.' } : reason));
    expect(checkReasonCatalog(edited)).toEqual(['reason carrier_delay: its customer_text matches none of its phrases', 'reason carrier_delay: its customer_text also states out_of_stock']);
  });

  it('refuses to load a catalog entry without its fallback message', () => {
    const yaml = 'reasons:\n  - code: out_of_stock\n    customer_text: Out of stock.\n    internal_text: x\n    phrases: [out of stock]\n';
    expect(() => parseReasonsYaml({ yaml })).toThrow(/kept.config.yaml: reasons.0.fallback/);
  });

  it('refuses a catalog that names a code twice', () => {
    const twice = [catalog[0], catalog[0]];
    expect(reasonCatalogSchema.safeParse(twice).success).toBe(false);
  });
});

describe('findStatedReasons', () => {
  it('finds the two reasons of crack C2 in an agent reply', () => {
    const text = 'Your order was cancelled due to inventory. Later we found a discrepancy between your card and the details you gave.';
    expect(findStatedReasons(text, catalog)).toEqual(['out_of_stock', 'payment_verification_failed']);
  });

  it('does not count a denied reason', () => {
    expect(findStatedReasons('It was not out of stock; the carrier is running behind schedule.', catalog)).toEqual(['carrier_delay']);
    expect(findStatedReasons('This has nothing to do with inventory.', catalog)).toEqual([]);
  });

  it('still counts a reason after an unrelated "not"', () => {
    expect(findStatedReasons('We could not complete the payment check.', catalog)).toEqual(['payment_verification_failed']);
  });

  it('matches whatever the case and apostrophe', () => {
    expect(findStatedReasons('We couldn’t verify your payment', catalog)).toEqual(['payment_verification_failed']);
    expect(findStatedReasons('SOLD OUT, sorry', catalog)).toEqual(['out_of_stock']);
  });
});
