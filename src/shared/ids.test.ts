// Ids sort in the order they were made, which orders timers due at the same moment as they were set.
import { describe, expect, it } from 'vitest';
import { newId } from './ids.js';

describe('ids', () => {
  it('sort in creation order even when many are made in one millisecond', () => {
    const ids = Array.from({ length: 5000 }, () => newId('tmr'));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids[0]).toMatch(/^tmr_[0-9a-z]{25}$/);
  });
});
