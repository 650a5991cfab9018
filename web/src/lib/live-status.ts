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
