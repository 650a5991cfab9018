// Typed events between features (STYLE habit 11): a feature emits, handlers registered in app.ts react.
// Handlers are awaited in registration order, so a handler that receives a transaction works inside it.

export type Handler<P> = (payload: P) => Promise<void> | void;

export interface EventBus<M> {
  on<K extends keyof M>(name: K, handler: Handler<M[K]>): void;
  emit<K extends keyof M>(name: K, payload: M[K]): Promise<void>;
}

export function createEventBus<M>(): EventBus<M> {
  const handlers = new Map<keyof M, Handler<never>[]>();
  return {
    on(name, handler) {
      handlers.set(name, [...(handlers.get(name) ?? []), handler as Handler<never>]);
    },
    async emit(name, payload) {
      for (const handler of handlers.get(name) ?? []) await (handler as Handler<typeof payload>)(payload);
    },
  };
}
