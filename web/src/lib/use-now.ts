// A clock that re-renders its component every second, for live countdowns, reading Kept's time (GET /clock)
// rather than the browser's: deadlines are Kept's, and a manual clock stands still until it is moved.
import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { keptNow } from './kept-time';
import { clockQuery } from '../api/queries';

export function useNow(intervalMs = 1000): number {
  const clock = useQuery(clockQuery());
  const [browserNow, setBrowserNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setBrowserNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return keptNow({ clock: clock.data, readAt: clock.dataUpdatedAt, browserNow });
}
