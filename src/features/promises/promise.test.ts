import { describe, expect, it } from 'vitest';
import { hasAttachments, linksToForm } from './promise.js';

describe('what hands the customer a document', () => {
  it("is a link to one of Kept's forms, at Kept's own address", () => {
    expect(linksToForm({ text: 'Please sign it here:\nhttps://care.shop.test/forms/f_abc123', publicUrl: 'https://care.shop.test/' })).toBe(true);
    expect(linksToForm({ text: 'Track it here: https://care.shop.test/status/s_abc', publicUrl: 'https://care.shop.test' })).toBe(false);
    expect(linksToForm({ text: 'Fill in https://elsewhere.test/forms/x', publicUrl: 'https://care.shop.test' })).toBe(false);
  });

  it('is a message.sent that lists the files it carried', () => {
    expect(hasAttachments({ attachments: [{ filename: 'label.pdf' }] })).toBe(true);
    expect(hasAttachments({ attachments: [] })).toBe(false);
    expect(hasAttachments({ text: 'the label is attached' })).toBe(false);
  });
});
