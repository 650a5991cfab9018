import { describe, expect, it } from 'vitest';
import { chooseCaseForContact, decodeCaseCursor, encodeCaseCursor, subjectFromText } from './case.js';

const at = new Date('2026-12-01T10:00:00Z');

describe('routing a contact to a case', () => {
  it('follows the thread reference before anything else', () => {
    expect(chooseCaseForContact({ threadCaseId: 'cas_t', orderNumber: 'A-1', openCases: [{ id: 'cas_o', orderNumber: 'A-1', updatedAt: at }] })).toBe('cas_t');
  });
  it('joins the open case about the same order', () => {
    const openCases = [
      { id: 'cas_other', orderNumber: 'B-2', updatedAt: at },
      { id: 'cas_same', orderNumber: 'A-1', updatedAt: at },
    ];
    expect(chooseCaseForContact({ threadCaseId: undefined, orderNumber: 'A-1', openCases })).toBe('cas_same');
  });
  it('opens a new case for a different order when every open case is about another order', () => {
    expect(chooseCaseForContact({ threadCaseId: undefined, orderNumber: 'C-3', openCases: [{ id: 'cas_b', orderNumber: 'B-2', updatedAt: at }] })).toBeUndefined();
  });
  it('keeps a customer who changes channel on the case they already have', () => {
    expect(chooseCaseForContact({ threadCaseId: undefined, orderNumber: null, openCases: [{ id: 'cas_1', orderNumber: 'A-1', updatedAt: at }] })).toBe('cas_1');
  });
});

describe('case subjects and cursors', () => {
  it('uses the first line of a message without a subject, cut at a word', () => {
    const subject = subjectFromText({ text: `${'word '.repeat(30)}\nsecond line` });
    expect(subject.endsWith('…')).toBe(true);
    expect(subject.length).toBeLessThanOrEqual(81);
  });
  it('round-trips a cursor and refuses a forged one', () => {
    const cursor = encodeCaseCursor({ updatedAt: at, id: 'cas_x' });
    expect(decodeCaseCursor(cursor)).toEqual({ updatedAt: at, id: 'cas_x' });
    expect(decodeCaseCursor('bm9wZQ')).toBeUndefined();
  });
});
