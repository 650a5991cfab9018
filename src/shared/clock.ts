// The one source of "now". Everything that reads time takes a Clock, so tests and `kept audit` can steer it.

export interface Clock {
  now(): Date;
  readonly mode: 'system' | 'manual';
}

export function createSystemClock(): Clock {
  return { mode: 'system', now: () => new Date() };
}

export interface ManualClock extends Clock {
  readonly mode: 'manual';
  set(to: Date): void;
}

/** A clock that stands still until it is set; `kept audit` and the manual-clock API move it. */
export function createManualClock(start: Date = new Date()): ManualClock {
  let current = new Date(start.getTime());
  return {
    mode: 'manual',
    now: () => new Date(current.getTime()),
    set(to: Date) {
      current = new Date(to.getTime());
    },
  };
}
