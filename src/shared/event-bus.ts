// Typed events between features (STYLE habit 11): a feature emits a fact, the handlers registered in app.ts react.
// A fact is data only — ids, records, dates — and reaches handlers read-only: no handle, no callback, no field a
// handler fills in for the emitter (where a feature needs an answer it calls a port passed to it). What a
// delivery needs besides the fact, such as the emitter's transaction, travels beside it as the delivery's
// context, typed per event: `emit(name, fact, context)`, handlers `(fact, context) => …`; an event whose
// context is `undefined` is emitted with none. Handlers are awaited in registration order, so a handler given the
// emitter's transaction does its writes inside it.

type Primitive = string | number | bigint | boolean | null | undefined;

/**
 * `T` with everything callable in it turned to `never`: a value with methods (a transaction, a service, a
 * callback) is not assignable to its own `Data`, so a map holding one fails `FactMap`. Dates are data; `unknown`
 * (an event's free `data`) passes as it is.
 */
type Data<T> = unknown extends T
  ? T
  : T extends Primitive | Date
    ? T
    : T extends (...args: never[]) => unknown
      ? never
      : T extends readonly (infer Item)[]
        ? readonly Data<Item>[]
        : { [K in keyof T]: Data<T[K]> };

/** Event names to facts; `M extends FactMap<M>` holds only when every fact is data. */
export type FactMap<M> = { [K in keyof M]: Data<M[K]> };

/** The context argument of an event: none when its context is `undefined`. */
export type ContextArgs<C> = [C] extends [undefined] ? [] : [context: C];

/** A handler gets the fact read-only (no field to fill in for the emitter) and the delivery's context. */
export type Handler<F, C> = (fact: Readonly<F>, ...context: ContextArgs<C>) => Promise<void> | void;

/** A bus for the facts `M`, each delivered with the context `C[K]` (`undefined`: none). */
export interface EventBus<M extends FactMap<M>, C extends Record<keyof M, unknown>> {
  on<K extends keyof M>(name: K, handler: Handler<M[K], C[K]>): void;
  emit<K extends keyof M>(name: K, fact: M[K], ...context: ContextArgs<C[K]>): Promise<void>;
}

export function createEventBus<M extends FactMap<M>, C extends Record<keyof M, unknown>>(): EventBus<M, C> {
  type AnyHandler = (fact: unknown, ...context: unknown[]) => Promise<void> | void;
  const handlers = new Map<keyof M, AnyHandler[]>();
  return {
    on(name, handler) {
      handlers.set(name, [...(handlers.get(name) ?? []), handler as AnyHandler]);
    },
    async emit(name, fact, ...context) {
      for (const handler of handlers.get(name) ?? []) await handler(fact, ...context);
    },
  };
}
