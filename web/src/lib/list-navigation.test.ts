import { describe, expect, it } from 'vitest';
import { isTypingTarget, nextIndex } from './list-navigation';

describe('inbox keyboard movement', () => {
  it('j starts at the first case, then moves down and stops at the last', () => {
    expect(nextIndex({ current: -1, key: 'j', length: 3 })).toBe(0);
    expect(nextIndex({ current: 1, key: 'j', length: 3 })).toBe(2);
    expect(nextIndex({ current: 2, key: 'j', length: 3 })).toBe(2);
  });

  it('k moves up and stops at the first', () => {
    expect(nextIndex({ current: 2, key: 'k', length: 3 })).toBe(1);
    expect(nextIndex({ current: 0, key: 'k', length: 3 })).toBe(0);
  });

  it('keeps the selection inside a list that shrank after a live update', () => {
    expect(nextIndex({ current: 5, key: 'x', length: 2 })).toBe(1);
    expect(nextIndex({ current: 0, key: 'j', length: 0 })).toBe(-1);
  });

  it('ignores keys typed into fields', () => {
    expect(isTypingTarget({ tagName: 'textarea' })).toBe(true);
    expect(isTypingTarget({ tagName: 'DIV', isContentEditable: true })).toBe(true);
    expect(isTypingTarget({ tagName: 'TR' })).toBe(false);
  });
});
