import { describe, expect, it } from 'vitest';
import { keptNow } from './kept-time';

const readAt = Date.parse('2026-12-01T10:00:00Z');

describe('Kept’s time in the browser', () => {
  it('runs on from the server’s reading, whatever the browser’s own clock says', () => {
    const clock = { now: '2026-12-01T10:00:30Z', mode: 'system' as const };
    expect(keptNow({ clock, readAt, browserNow: readAt + 5_000 })).toBe(Date.parse('2026-12-01T10:00:35Z'));
  });

  it('stands still on a manual clock, so countdowns show what Kept will do when it is moved', () => {
    const clock = { now: '2026-12-12T12:28:33Z', mode: 'manual' as const };
    expect(keptNow({ clock, readAt, browserNow: readAt + 60_000 })).toBe(Date.parse('2026-12-12T12:28:33Z'));
  });

  it('falls back to the browser’s clock until the server’s is read', () => {
    expect(keptNow({ clock: undefined, readAt: 0, browserNow: readAt })).toBe(readAt);
  });
});
