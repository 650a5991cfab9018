import { describe, expect, it } from 'vitest';
import { loadDefaultReasons } from './reason-catalog.js';
import { createReasonMatcher } from './reason-matching.js';

const catalog = loadDefaultReasons();
const matcher = createReasonMatcher(catalog);

describe('recognising a catalog reason in words people and other systems write', () => {
  it('recognises every phrase and every customer text of the shipped catalog as its own reason', () => {
    for (const reason of catalog) {
      expect(matcher.statedReasons(reason.customer_text), reason.code).toEqual([reason.code]);
      for (const phrase of reason.phrases) expect(matcher.statedReasons(`Sorry: ${phrase}.`), phrase).toContain(reason.code);
    }
  });

  it.each([
    ['Your order A-1 was cancelled due to an inventory issue.', 'out_of_stock'],
    ['We couldnt verify your payment, sorry.', 'payment_verification_failed'],
    ['The carrier lost your small parcel.', 'lost_in_transit'],
    ['Your parcels were DAMAGED IN TRANSIT.', 'damaged_in_transit'],
  ])('hears "%s" as %s', (text, code) => {
    expect(matcher.statedReasons(text)).toEqual([code]);
  });

  it('does not hear a denied reason, words split by a clause, or none at all', () => {
    expect(matcher.statedReasons('It was not out of stock; the card was declined.')).toEqual(['payment_verification_failed']);
    expect(matcher.statedReasons('Out of interest, what stock do you keep?')).toEqual([]);
    expect(matcher.statedReasons('Good news: order A-1 has shipped.')).toEqual([]);
  });
});
