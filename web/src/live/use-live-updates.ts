// Keeps what the console shows fresh: server-sent events invalidate the queries they touch. The stream carries
// what the page shows (`show`, lib/live-scope.ts) and is opened again when that changes; when it drops, the
// console says so and, once it is back, refetches everything on screen (events sent meanwhile are lost).
import { useEffect, useState } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { openStream, type LiveEvent } from '../api/stream';
import { coalesceLiveEvents, nextLiveStatus, reconnectDelay, type LiveStatus, type StreamSignal } from '../lib/live-status';
import { queryKeys } from '../api/queries';

// Events are gathered for this long and refetched in one pass: a surge sends hundreds a second.
const BURST_MS = 500;

function refresh(client: QueryClient, events: LiveEvent[]): void {
  const what = coalesceLiveEvents(events);
  if (!what) return;
  void client.invalidateQueries({ queryKey: queryKeys.cases });
  void client.invalidateQueries({ queryKey: queryKeys.reports });
  for (const caseId of what.caseIds) void client.invalidateQueries({ queryKey: queryKeys.case(caseId) });
  if (what.commitments) {
    void client.invalidateQueries({ queryKey: queryKeys.commitments });
    // Timers fire when Kept's clock moves: the countdowns' clock has moved too.
    void client.invalidateQueries({ queryKey: queryKeys.clock });
  }
  // Timelines are keyed by customer; a case event may add to any open one.
  void client.invalidateQueries({ queryKey: queryKeys.timeline });
}

export function useLiveUpdates(token: string | null, show: string): LiveStatus {
  const client = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>('connecting');
  useEffect(() => {
    if (!token) return;
    let current: LiveStatus = 'connecting';
    let close: (() => void) | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    let burst: LiveEvent[] = [];
    let flush: ReturnType<typeof setTimeout> | undefined;

    function gather(event: LiveEvent) {
      burst.push(event);
      flush ??= setTimeout(() => {
        flush = undefined;
        const events = burst;
        burst = [];
        refresh(client, events);
      }, BURST_MS);
    }

    function apply(signal: StreamSignal) {
      const next = nextLiveStatus(current, signal);
      current = next.status;
      setStatus(next.status);
      if (next.refetch) void client.invalidateQueries();
    }

    function connect() {
      const handlers = {
        onEvent: gather,
        onOpen: () => {
          attempt = 0;
          apply('open');
        },
        onError: (closed: boolean) => {
          apply(closed ? 'closed' : 'error');
          if (!closed) return;
          // The browser will not retry this one (the server answered with an error): open a new stream later,
          // and check the session, so an expired one sends the agent to log in instead of retrying for ever.
          close?.();
          void client.invalidateQueries({ queryKey: queryKeys.me });
          retry = setTimeout(connect, reconnectDelay(attempt++));
        },
      };
      close = openStream({ token: token as string, show, handlers });
    }

    connect();
    return () => {
      clearTimeout(retry);
      clearTimeout(flush);
      close?.();
    };
  }, [token, show, client]);
  return status;
}
