// The live stream's state as the console shows it, and when coming back means refetching everything.

/** `connecting` until the first open; `reconnecting` after any failure until the stream is open again. */
export type LiveStatus = 'connecting' | 'live' | 'reconnecting';

/** What the stream reports: opened, failed while the browser retries, or closed for good (it will not retry). */
export type StreamSignal = 'open' | 'error' | 'closed';

/**
 * The next status after a signal. Events sent while the stream was down are lost, so opening again after a
 * failure asks for a refetch of everything on screen; the first open does not (the pages have just loaded).
 */
export function nextLiveStatus(current: LiveStatus, signal: StreamSignal): { status: LiveStatus; refetch: boolean } {
  if (signal === 'open') return { status: 'live', refetch: current === 'reconnecting' };
  return { status: 'reconnecting', refetch: false };
}

/** How long to wait before opening a stream the browser gave up on: 3 s, doubling, at most 30 s. */
export function reconnectDelay(attempt: number): number {
  return Math.min(30_000, 3_000 * 2 ** Math.max(0, attempt));
}

/** What a burst of live events asks the console to refetch: one pass for many events. */
export interface LiveRefresh {
  caseIds: string[];
  commitments: boolean;
}

/**
 * Folds a burst of events into one refresh, so a surge of contacts (hundreds of events a second) costs the
 * console one refetch of each list, not one per event.
 */
export function coalesceLiveEvents(events: ReadonlyArray<{ type: string; case_id: string | null }>): LiveRefresh | null {
  if (events.length === 0) return null;
  const caseIds = [...new Set(events.flatMap((e) => (e.case_id ? [e.case_id] : [])))];
  return { caseIds, commitments: events.some((e) => e.type === 'commitment.updated') };
}
