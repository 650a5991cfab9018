// Kept's own time: countdowns count to Kept's deadlines by Kept's clock, which a manual clock stands still.
import { request } from './http';
import type { KeptClock } from './types';

/** `GET /api/v1/clock` — the server's time and whether it runs (`system`) or stands still (`manual`). */
export function fetchClock(): Promise<KeptClock> {
  return request<KeptClock>('/clock');
}
