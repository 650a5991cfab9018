// Fans the bus's after-commit `live.*` events out to every open console stream — this process's changes at
// once, and (on PostgreSQL) the other processes' through the live relay.
import type { DomainBus } from '../../domain-events.js';
import type { LiveEvent } from './live-event.js';
import type { LiveRelay } from './live-relay.js';

export interface LiveSubscriber {
  send(event: LiveEvent): void;
  /** Ends the stream (the server is closing). */
  end(): void;
}

/** Subscribes to the bus once; streams come and go through `subscribe`. */
export function createLiveService(deps: { bus: DomainBus }) {
  const subscribers = new Set<LiveSubscriber>();
  let relay: LiveRelay | undefined;

  function broadcast(event: LiveEvent): void {
    for (const subscriber of subscribers) subscriber.send(event);
  }

  function local(event: LiveEvent): void {
    broadcast(event);
    relay?.publish(event);
  }

  deps.bus.on('live.case_updated', ({ caseId }) => local({ type: 'case.updated', data: { case_id: caseId } }));
  deps.bus.on('live.commitment_updated', ({ commitmentId, caseId }) => local({ type: 'commitment.updated', data: { id: commitmentId, case_id: caseId } }));

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

  return {
    subscribe,
    closeAll,
    count: () => subscribers.size,
    /** What arrives from other processes goes to this process's streams; what happens here goes to them. */
    useRelay(next: LiveRelay): void {
      relay = next;
    },
    /** Another process's change, for this process's streams only. */
    broadcastRemote: broadcast,
    stopRelay(): void {
      relay?.stop();
      relay = undefined;
    },
  };
}

export type LiveService = ReturnType<typeof createLiveService>;
