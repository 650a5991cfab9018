// The server's clock as the API sees it. With KEPT_CLOCK=manual time stands still until advanced, and an
// advance returns only after every timer due in the span has fired, in order (the scheduler plugs in here).
import { AppError } from '../../shared/app-error.js';
import type { Clock, ManualClock } from '../../shared/clock.js';

/** Fires everything due up to `until`, moving the clock to each due time as it goes. */
export type TimerRunner = (options: { until: Date; setTime: (at: Date) => void }) => Promise<void>;

export function createClockService(deps: { clock: Clock }) {
  const runners: TimerRunner[] = [];
  let advancing: Promise<unknown> = Promise.resolve();

  function manual(): ManualClock {
    if (deps.clock.mode !== 'manual') throw new AppError('clock_not_manual', { detail: 'The clock can only be moved when Kept runs with KEPT_CLOCK=manual' });
    return deps.clock as ManualClock;
  }

  async function advanceTo(target: Date): Promise<Date> {
    const clock = manual();
    if (target.getTime() < clock.now().getTime()) {
      throw new AppError('validation_failed', { detail: `to: ${target.toISOString()} is before the current time ${clock.now().toISOString()}; the clock only moves forward`, field: 'to' });
    }
    const setTime = (at: Date) => {
      if (at.getTime() > clock.now().getTime() && at.getTime() <= target.getTime()) clock.set(at);
    };
    for (const runner of runners) await runner({ until: target, setTime });
    clock.set(target);
    return clock.now();
  }

  return {
    now: () => deps.clock.now(),
    mode: deps.clock.mode,
    registerTimerRunner(runner: TimerRunner) {
      runners.push(runner);
    },
    /** Advances are serialised: two calls at once run one after the other. */
    advance(input: { advanceSeconds?: number | undefined; to?: Date | undefined }): Promise<Date> {
      const run = advancing.then(() => {
        const target = input.to ?? new Date(manual().now().getTime() + (input.advanceSeconds ?? 0) * 1000);
        return advanceTo(target);
      });
      advancing = run.catch(() => undefined);
      return run;
    },
  };
}

export type ClockService = ReturnType<typeof createClockService>;
