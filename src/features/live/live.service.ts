// Fans the bus's after-commit `live.*` events out to the open console streams that show them (live-scope.ts) —
// this process's changes at once, and (on PostgreSQL) the other processes' through the live relay, which
// carries every change: each process filters for its own streams.
import type { DomainFact } from '../../domain-events.js';
import type { LiveEvent } from './live-event.js';
import type { LiveRelay } from './live-relay.js';
import { scopeWants, type LiveScope } from './live-scope.js';

export interface LiveSubscriber {
  /** What its console shows: only those events are sent. */
  scope: LiveScope;
  send(event: LiveEvent): void;
  /** Ends the stream (the server is closing). */
  end(): void;
}

/** Streams come and go through `subscribe`; app.ts subscribes `onCaseUpdated` and `onCommitmentUpdated` to the bus. */
export function createLiveService() {
  const subscribers = new Set<LiveSubscriber>();
  let relay: LiveRelay | undefined;

  function broadcast(event: LiveEvent): void {
    for (const subscriber of subscribers) if (scopeWants(subscriber.scope, event)) subscriber.send(event);
  }

  function local(event: LiveEvent): void {
    broadcast(event);
    relay?.publish(event);
  }

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
    /** The bus handlers (subscribed in app.ts): this process's changes, to its streams and the relay. */
    onCaseUpdated({ caseId }: DomainFact<'live.case_updated'>): void {
      local({ type: 'case.updated', data: { case_id: caseId } });
    },
    onCommitmentUpdated({ commitmentId, caseId }: DomainFact<'live.commitment_updated'>): void {
      local({ type: 'commitment.updated', data: { id: commitmentId, case_id: caseId } });
    },
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
