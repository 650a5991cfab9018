import { describe, expect, it } from 'vitest';
import { checkUpload, claimsSettingsFrom, claimTypeForReason, parseDeclaration } from './claim.js';
import { mayContact } from './customer-email.js';

const complete = { full_name: 'Ana Lima', address: '1 Elm St', date_noticed: '2026-12-02', statement: 'It never came.', signature: ' ana  lima ', consent: 'yes' };

describe('claims', () => {
  it('reads a lost or undeliverable parcel as non-delivery, a damaged one as damage, and other reasons as no claim', () => {
    expect(claimTypeForReason('lost_in_transit')).toBe('non_delivery');
    expect(claimTypeForReason('address_undeliverable')).toBe('non_delivery');
    expect(claimTypeForReason('damaged_in_transit')).toBe('damage');
    expect(claimTypeForReason('weather_delay')).toBeUndefined();
  });

  it('accepts a declaration signed with the typed name, whatever its case and spacing', () => {
    expect(parseDeclaration({ form: complete, today: '2026-12-05' })).toMatchObject({ ok: true, value: { full_name: 'Ana Lima', consent: 'yes' } });
  });

  it('names every problem of a declaration at once, in words for the customer', () => {
    const result = parseDeclaration({ form: { ...complete, statement: '   ', signature: 'A. Lima', consent: undefined, date_noticed: '2026-12-09' }, today: '2026-12-05' });
    expect(result).toEqual({
      ok: false,
      errors: {
        statement: 'Your statement is required',
        consent: 'Please tick the box to confirm the declaration is true',
        signature: 'Your signature must be your full name, typed exactly as above',
        date_noticed: 'The date you noticed cannot be in the future',
      },
    });
  });

  it('takes only the configured image types within the size limit', () => {
    const settings = claimsSettingsFrom(undefined);
    expect(checkUpload({ file: { mimeType: 'image/heic', sizeBytes: 1000, truncated: false }, settings })).toBeUndefined();
    expect(checkUpload({ file: { mimeType: 'image/gif', sizeBytes: 1000, truncated: false }, settings })).toBe('Only JPEG, PNG, HEIC photos are accepted');
    expect(checkUpload({ file: { mimeType: 'image/png', sizeBytes: 6 * 1024 * 1024, truncated: false }, settings })).toBe('Each photo must be at most 5 MB');
    expect(checkUpload({ file: { mimeType: 'image/png', sizeBytes: 100, truncated: true }, settings })).toBe('Each photo must be at most 5 MB');
  });

  it("never lets a gift's recipient be written to without the buyer's consent", () => {
    const gift = { isGift: true, recipientEmail: 'rita@example.com', giftContactConsent: false };
    expect(mayContact({ order: gift, address: 'Rita@Example.com' })).toBe(false);
    expect(mayContact({ order: gift, address: 'ben@example.com' })).toBe(true);
    expect(mayContact({ order: { ...gift, giftContactConsent: true }, address: 'rita@example.com' })).toBe(true);
    expect(mayContact({ order: { ...gift, isGift: false }, address: 'rita@example.com' })).toBe(true);
    expect(mayContact({ order: undefined, address: 'rita@example.com' })).toBe(true);
  });
});
