// Where `kept forecast` without --from gets the live forecast: from the running instance when one answers (the
// embedded store belongs to that process), otherwise from the store opened here, as `kept start` would open it.
import { existsSync } from 'node:fs';
import type { Config } from '../../config/config.js';
import { createStore } from '../../db/create-db.js';
import { AppError } from '../../shared/app-error.js';
import { createSystemClock } from '../../shared/clock.js';
import { defaultForecastSection } from './forecast-config.js';
import { createForecastService } from './forecast.service.js';
import type { LiveForecast } from './forecast.service.js';

async function askInstance(url: string, token: string | undefined, days: number): Promise<LiveForecast | undefined> {
  let response: Response;
  try {
    response = await fetch(new URL(`/api/v1/reports/forecast?days=${days}`, url), { headers: token ? { authorization: `Bearer ${token}` } : {} });
  } catch {
    return undefined;
  }
  if (response.status === 401) throw new AppError('unauthenticated', { detail: `Kept at ${url} asks for a token: set KEPT_ADMIN_TOKEN` });
  if (!response.ok) throw new AppError('internal', { detail: `Kept at ${url} answered ${response.status}: ${await response.text()}` });
  return (await response.json()) as LiveForecast;
}

/** The live forecast for `days` days: the instance at KEPT_URL (or this machine's port), else the store itself. */
export async function readLiveForecast(options: { config: Config; days: number }): Promise<LiveForecast> {
  const { env, file } = options.config;
  const url = env.KEPT_URL ?? `http://127.0.0.1:${env.KEPT_PORT}`;
  const answered = await askInstance(url, env.KEPT_ADMIN_TOKEN, options.days);
  if (answered) return answered;
  if (env.KEPT_URL) throw new AppError('not_found', { detail: `Kept does not answer at ${env.KEPT_URL}` });
  // Opening the embedded store would create an empty one: there is no history to forecast there.
  if (!env.DATABASE_URL && !existsSync(env.KEPT_DATA_DIR)) {
    throw new AppError('not_found', {
      detail: `No Kept instance answers at ${url} and there is no store in ${env.KEPT_DATA_DIR}: start Kept, set KEPT_URL or DATABASE_URL, or give a history with --from`,
    });
  }
  const store = await createStore({ databaseUrl: env.DATABASE_URL, dataDir: env.KEPT_DATA_DIR });
  try {
    return await createForecastService({ db: store.db, clock: createSystemClock(), section: file.forecast ?? defaultForecastSection }).forecast({ days: options.days });
  } finally {
    await store.close();
  }
}
