import { describe, expect, it } from 'vitest';
import { SegmentedMessage } from 'sms-segments-calculator';
import { measureSms } from './sms-segments.js';

describe('measureSms', () => {
  it('fits 160 plain characters in one GSM-7 segment and splits at 153 beyond', () => {
    expect(measureSms('a'.repeat(160))).toMatchObject({ encoding: 'GSM-7', segments: 1 });
    expect(measureSms('a'.repeat(161)).segments).toBe(2);
    expect(measureSms('a'.repeat(306)).segments).toBe(2);
    expect(measureSms('a'.repeat(307)).segments).toBe(3);
  });

  it('falls back to UCS-2 for a character outside GSM-7: 70 in one segment, 67 per part', () => {
    const base = 'ż';
    expect(measureSms(base.repeat(70))).toMatchObject({ encoding: 'UCS-2', segments: 1 });
    expect(measureSms(base.repeat(71)).segments).toBe(2);
    expect(measureSms(base.repeat(134)).segments).toBe(2);
    expect(measureSms(base.repeat(135)).segments).toBe(3);
  });

  it('counts a GSM-7 extension character such as € as two', () => {
    expect(measureSms('€'.repeat(80)).segments).toBe(1);
    expect(measureSms('€'.repeat(81)).segments).toBe(2);
  });

  it('counts plain text exactly as the segment calculator does', () => {
    const samples = ['We have your message (K-12). A person will answer soon. https://shop.example/status/Zq3v9kT2bQ', "Order A-1001: it's 50% off, #1 @ $5?\nYes!", 'x'.repeat(153 * 2 + 1)];
    for (const text of samples) {
      const reference = new SegmentedMessage(text, 'auto');
      expect(measureSms(text), text.slice(0, 20)).toEqual({ encoding: reference.encodingName, segments: reference.segmentsCount, characters: reference.numberOfCharacters });
    }
  });
});
