// Kept's time as seen in the browser: the server's clock plus the time since it was read, or standing still.
import type { KeptClock } from '../api/types';

/**
 * Now by Kept's clock, in milliseconds. A system clock keeps running from the reading (so a browser whose
 * own clock is off still counts down to the server's deadlines); a manual clock stands where it was read.
 */
export function keptNow(options: { clock: KeptClock | undefined; readAt: number; browserNow: number }): number {
  const { clock, readAt, browserNow } = options;
  const serverNow = clock ? Date.parse(clock.now) : Number.NaN;
  if (Number.isNaN(serverNow)) return browserNow;
  return clock?.mode === 'manual' ? serverNow : serverNow + (browserNow - readAt);
}
