// The console's surge forecast (C7): arrivals read from the live store, projected against the configured staffing.
import type { Db } from '../../db/create-db.js';
import type { Clock } from '../../shared/clock.js';
import type { ForecastSection } from './forecast-config.js';
import { toForecastSettings } from './forecast-config.js';
import { forecastFromArrivals } from './forecast-from-arrivals.js';
import type { ForecastDay } from './forecast-model.js';
import { forecastChartData } from './forecast-render.js';
import { countInboundPerHour, countWaitingContacts } from './forecast.repo.js';

const HOUR = 3_600_000;
const WEEK = 168 * HOUR;

export interface LiveForecast {
  /** Start of the projection: the current hour. */
  from: string;
  /** The time zone the days' dates are read in (the section's `zone`). */
  zone: string;
  /** Chart buckets (4 hours): their start times. */
  labels: string[];
  /** `arrivals`, `capacity` and `backlog` per bucket. */
  series: Array<{ name: string; values: number[] }>;
  days: ForecastDay[];
  /** The first day whose breaches pass the configured share of its arrivals; null when none does. */
  warningDay: string | null;
  warningInDays: number | null;
  firstResponseHours: number;
  /** Contacts waiting for a first response when the projection starts. */
  startingBacklog: number;
  /** The history the profile was fitted on. */
  history: { from: string; to: string; contacts: number };
}

/** Builds the live forecast over `db`; the section comes from kept.config.yaml. */
export function createForecastService(deps: { db: Db; clock: Clock; section: ForecastSection }) {
  return {
    /** Projects `days` days (the section's `days` when omitted) from the current hour. */
    async forecast(options: { days?: number | undefined } = {}): Promise<LiveForecast> {
      const settings = { ...toForecastSettings(deps.section), ...(options.days ? { days: options.days } : {}) };
      const now = deps.clock.now().getTime();
      const from = Math.floor(now / HOUR) * HOUR;
      const since = from - settings.weeks * WEEK;
      const [arrivals, waiting] = await Promise.all([countInboundPerHour(deps.db, { since: new Date(since), until: new Date(from) }), countWaitingContacts(deps.db)]);
      const forecast = forecastFromArrivals({ arrivals, settings, from: new Date(from), startingBacklog: waiting });
      return {
        from: forecast.from,
        zone: settings.zone,
        ...forecastChartData(forecast),
        days: forecast.days,
        warningDay: forecast.warningDay,
        warningInDays: forecast.warningInDays,
        firstResponseHours: forecast.firstResponseHours,
        startingBacklog: waiting,
        history: { from: new Date(since).toISOString(), to: new Date(from).toISOString(), contacts: arrivals.reduce((s, a) => s + a.count, 0) },
      };
    },
  };
}

export type ForecastService = ReturnType<typeof createForecastService>;
