// Fans the bus's after-commit `live.*` events out to every open console stream.
import type { DomainBus } from '../../domain-events.js';
import type { LiveEvent } from './live-event.js';

export interface LiveSubscriber {
  send(event: LiveEvent): void;
  /** Ends the stream (the server is closing). */
  end(): void;
}

/** Subscribes to the bus once; streams come and go through `subscribe`. */
export function createLiveService(deps: { bus: DomainBus }) {
  const subscribers = new Set<LiveSubscriber>();

  function broadcast(event: LiveEvent): void {
    for (const subscriber of subscribers) subscriber.send(event);
  }

  deps.bus.on('live.case_updated', ({ caseId }) => broadcast({ type: 'case.updated', data: { case_id: caseId } }));
  deps.bus.on('live.commitment_updated', ({ commitmentId, caseId }) => broadcast({ type: 'commitment.updated', data: { id: commitmentId, case_id: caseId } }));

  /** Adds a stream; returns the function that removes it. */
  function subscribe(subscriber: LiveSubscriber): () => void {
    subscribers.add(subscriber);
    return () => subscribers.delete(subscriber);
  }

  /** Ends every open stream, so closing the HTTP server does not wait for consoles to hang up. */
  function closeAll(): void {
    for (const subscriber of [...subscribers]) subscriber.end();
    subscribers.clear();
  }

  return { subscribe, closeAll, count: () => subscribers.size };
}

export type LiveService = ReturnType<typeof createLiveService>;
