// Caps acknowledgements per address so two autoresponders cannot ping-pong through us forever.
import type { Clock } from '../../shared/clock.js';

export interface AckRateLimiter {
  /** True (and counted) when an acknowledgement to this address may go out now. */
  tryAcquire(address: string): boolean;
}

export interface AckRateLimiterOptions {
  /** Acknowledgements allowed per address within one window. */
  perAddress: number;
  windowMs: number;
  clock: Clock;
}

/**
 * A sliding-window limiter keyed by lower-cased address. It lives in memory: after a restart the
 * worst case is one more acknowledgement per address, which is harmless.
 */
export function createAckRateLimiter(options: AckRateLimiterOptions): AckRateLimiter {
  const sent = new Map<string, number[]>();
  return {
    tryAcquire(address) {
      const key = address.trim().toLowerCase();
      const now = options.clock.now().getTime();
      const recent = (sent.get(key) ?? []).filter((at) => now - at < options.windowMs);
      if (recent.length >= options.perAddress) {
        sent.set(key, recent);
        return false;
      }
      recent.push(now);
      sent.set(key, recent);
      if (sent.size > 10_000) prune(sent, now, options.windowMs);
      return true;
    },
  };
}

function prune(sent: Map<string, number[]>, now: number, windowMs: number): void {
  for (const [key, times] of sent) {
    if (times.every((at) => now - at >= windowMs)) sent.delete(key);
  }
}
