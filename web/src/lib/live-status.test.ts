import { describe, expect, it } from 'vitest';
import { nextLiveStatus, reconnectDelay } from './live-status';

describe('the live stream’s state', () => {
  it('is live once open, without refetching what the pages have just loaded', () => {
    expect(nextLiveStatus('connecting', 'open')).toEqual({ status: 'live', refetch: false });
  });

  it('shows reconnecting when the stream drops, whether the browser retries or gave up', () => {
    expect(nextLiveStatus('live', 'error')).toEqual({ status: 'reconnecting', refetch: false });
    expect(nextLiveStatus('live', 'closed')).toEqual({ status: 'reconnecting', refetch: false });
    expect(nextLiveStatus('connecting', 'error').status).toBe('reconnecting');
  });

  it('refetches everything when it comes back, since events sent meanwhile were lost', () => {
    expect(nextLiveStatus('reconnecting', 'open')).toEqual({ status: 'live', refetch: true });
  });

  it('waits longer after each failed reopen, up to 30 seconds', () => {
    expect([0, 1, 2, 3, 4, 10].map(reconnectDelay)).toEqual([3_000, 6_000, 12_000, 24_000, 30_000, 30_000]);
  });
});
