// Fits the arrival history and projects it: the one path the command line and the console's report share.
import { DateTime } from 'luxon';
import type { ArrivalCount } from './arrivals.js';
import type { ForecastSettings } from './forecast-config.js';
import { fitArrivalModel, projectForecast } from './forecast-model.js';
import type { Forecast } from './forecast-model.js';

/** The first local midnight at or after `iso` (now when empty): a history's forecast covers whole days. */
export function nextMidnight(iso: string, zone: string): Date {
  const end = iso ? DateTime.fromISO(iso, { zone }) : DateTime.now().setZone(zone);
  const midnight = end.startOf('day');
  return (midnight < end ? midnight.plus({ days: 1 }) : midnight).toJSDate();
}

/**
 * Fits the last `settings.weeks` weeks of `arrivals` and projects `settings.days` days from `from` (by default the
 * first midnight after the history), starting with `startingBacklog` contacts already waiting.
 */
export function forecastFromArrivals(params: { arrivals: readonly ArrivalCount[]; settings: ForecastSettings; from?: Date; startingBacklog?: number }): Forecast {
  const { settings } = params;
  const model = fitArrivalModel({ arrivals: params.arrivals, zone: settings.zone, holidays: settings.holidays, weeks: settings.weeks });
  return projectForecast({
    model,
    from: params.from ?? nextMidnight(model.fittedTo, settings.zone),
    days: settings.days,
    staffing: settings.staffing,
    firstResponseHours: settings.firstResponseHours,
    warnShare: settings.warnShare,
    ...(params.startingBacklog ? { startingBacklog: params.startingBacklog } : {}),
  });
}
