// The bus delivers a fact and, beside it, the delivery's context; the compiler keeps the two apart (checked by
// `tsc`: each `@ts-expect-error` below fails the build if the line it marks ever compiles).
import { describe, expect, it } from 'vitest';
import { createEventBus } from './event-bus.js';

/** Stands for a transaction: something with methods, which no fact may hold. */
class Handle {
  constructor(readonly name: string) {}
  query(): string {
    return this.name;
  }
}

interface Facts {
  'parcel.sent': { parcelId: string; orderNumbers: string[]; at: Date };
  'parcel.shown': { parcelId: string };
}
type Contexts = { 'parcel.sent': Handle; 'parcel.shown': undefined };

describe('event bus', () => {
  it('awaits the handlers in the order they were registered, each given the fact and the context', async () => {
    const bus = createEventBus<Facts, Contexts>();
    const seen: string[] = [];
    bus.on('parcel.sent', async (fact, handle) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      seen.push(`first ${fact.parcelId} in ${handle.query()}`);
    });
    bus.on('parcel.sent', (fact, handle) => {
      seen.push(`second ${fact.orderNumbers.join('+')} in ${handle.query()}`);
    });
    bus.on('parcel.shown', (fact) => {
      seen.push(`shown ${fact.parcelId}`);
    });

    await bus.emit('parcel.sent', { parcelId: 'p1', orderNumbers: ['A-1', 'A-2'], at: new Date('2026-03-02T09:00:00Z') }, new Handle('tx1'));
    await bus.emit('parcel.shown', { parcelId: 'p1' });

    expect(seen).toEqual(['first p1 in tx1', 'second A-1+A-2 in tx1', 'shown p1']);
  });

  it('refuses at compile time a handle or a callback in a fact, a missing or extra context, a handler writing the fact', async () => {
    // @ts-expect-error a transaction-like value inside a fact
    createEventBus<{ 'parcel.sent': { handle: Handle } }, { 'parcel.sent': undefined }>();
    // @ts-expect-error a callback inside a fact (a question put on the bus)
    createEventBus<{ 'parcel.sent': { answer: (carrier: string) => void } }, { 'parcel.sent': undefined }>();

    const bus = createEventBus<Facts, Contexts>();
    const delivered: string[] = [];
    bus.on('parcel.sent', (fact) => {
      // @ts-expect-error a handler cannot fill in a field for the emitter
      fact.parcelId = 'changed';
      delivered.push(fact.parcelId);
    });
    // @ts-expect-error an in-transaction event needs its context
    await bus.emit('parcel.sent', { parcelId: 'p2', orderNumbers: [], at: new Date() });
    // @ts-expect-error an after-commit event takes none
    await bus.emit('parcel.shown', { parcelId: 'p2' }, new Handle('tx2'));

    expect(delivered).toEqual(['changed']);
  });
});
