import { describe, expect, it } from 'vitest';
import { coalesceLiveEvents, nextLiveStatus, reconnectDelay } from './live-status';

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

  it('folds a burst of events into one refresh of the cases they touch', () => {
    const burst = [
      { type: 'case.updated', case_id: 'cas_1' },
      { type: 'commitment.updated', case_id: 'cas_1' },
      { type: 'case.updated', case_id: 'cas_2' },
      { type: 'commitment.updated', case_id: null },
    ];
    expect(coalesceLiveEvents(burst)).toEqual({ caseIds: ['cas_1', 'cas_2'], commitments: true });
    expect(coalesceLiveEvents([{ type: 'case.updated', case_id: 'cas_3' }])).toEqual({ caseIds: ['cas_3'], commitments: false });
    expect(coalesceLiveEvents([])).toBeNull();
  });
});
