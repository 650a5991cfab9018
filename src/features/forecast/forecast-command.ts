// `kept forecast`: the arrival history of a JSON Lines file (or counts), the forecast section of the config,
// and the table and chart on the terminal (or the whole forecast as JSON for the console).
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { readJsonl } from '../audit/audit-input.js';
import { arrivalCountSchema, createArrivalCounter } from './arrivals.js';
import type { ArrivalCount } from './arrivals.js';
import { fitArrivalModel, holidaySchema, projectForecast, staffingSchema } from './forecast-model.js';
import type { Forecast } from './forecast-model.js';
import { formatForecastChart, formatForecastTable } from './forecast-render.js';

/** The `forecast` section of kept.config.yaml. */
export const forecastConfigSchema = z.object({
  /** IANA zone the hour-of-week profile and holiday dates are read in. */
  zone: z.string().default('UTC'),
  days: z.number().int().positive().max(90).default(14),
  /** Weeks of history the profile is fitted on. */
  weeks: z.number().int().positive().default(8),
  firstResponseHours: z.number().positive().default(4),
  /** A day warns when more than this share of its arrivals would wait past the first-response deadline. */
  warnShare: z.number().min(0).max(1).default(0.02),
  staffing: staffingSchema,
  holidays: z.array(holidaySchema).default([]),
});
export type ForecastConfig = z.infer<typeof forecastConfigSchema>;

/** Reads arrivals from a JSON Lines history (events) or a JSON array of `{hour, channel, count}`. */
export async function readArrivals(file: string): Promise<ArrivalCount[]> {
  if (file.endsWith('.json')) return z.array(arrivalCountSchema).parse(JSON.parse(await readFile(file, 'utf8')));
  const counter = createArrivalCounter();
  const event = z.object({ type: z.string(), occurred_at: z.string(), data: z.record(z.string(), z.unknown()).optional() });
  await readJsonl({
    stream: createReadStream(file, { highWaterMark: 1 << 20 }),
    sink: { accept: (value) => { const e = event.safeParse(value); if (e.success) counter.add(e.data); }, reject: () => undefined },
  });
  return counter.counts();
}

/** The first local midnight at or after the end of the history: forecasts cover whole days. */
function nextMidnight(iso: string, zone: string): Date {
  const end = iso ? DateTime.fromISO(iso, { zone }) : DateTime.now().setZone(zone);
  const midnight = end.startOf('day');
  return (midnight < end ? midnight.plus({ days: 1 }) : midnight).toJSDate();
}

/** Fits the history and projects whole days from the first midnight after it (or from `from`). */
export function forecastFromArrivals(params: { arrivals: readonly ArrivalCount[]; config: z.input<typeof forecastConfigSchema>; from?: Date }): Forecast {
  const config = forecastConfigSchema.parse(params.config);
  const model = fitArrivalModel({ arrivals: params.arrivals, zone: config.zone, holidays: config.holidays, weeks: config.weeks });
  return projectForecast({
    model,
    from: params.from ?? nextMidnight(model.fittedTo, config.zone),
    days: config.days,
    staffing: config.staffing,
    firstResponseHours: config.firstResponseHours,
    warnShare: config.warnShare,
  });
}

const usage = 'kept forecast <history.jsonl|arrivals.json> --agents 12 --per-agent-hour 6 [--days 14] [--surge 2026-12-01:2026-12-24:2] [--from ISO] [--json]';

export async function runForecastCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      agents: { type: 'string' },
      'per-agent-hour': { type: 'string' },
      days: { type: 'string', default: '14' },
      surge: { type: 'string', multiple: true, default: [] },
      from: { type: 'string' },
      zone: { type: 'string', default: 'UTC' },
      json: { type: 'boolean', default: false },
    },
  });
  const file = positionals[0];
  if (!file || !values.agents || !values['per-agent-hour']) {
    process.stderr.write(`${usage}\n`);
    return 2;
  }
  const holidays = values.surge.map((s) => {
    const [from, to, uplift] = s.split(':');
    return { from: from ?? '', to: to ?? from ?? '', uplift: Number(uplift ?? 1) };
  });
  const forecast = forecastFromArrivals({
    arrivals: await readArrivals(file),
    config: { zone: values.zone, days: Number(values.days), holidays, staffing: { agentsPerHour: Number(values.agents), handledPerAgentHour: Number(values['per-agent-hour']) } },
    ...(values.from ? { from: new Date(values.from) } : {}),
  });
  process.stdout.write(values.json ? `${JSON.stringify(forecast)}\n` : `${formatForecastTable(forecast)}\n\n${formatForecastChart(forecast)}\n`);
  return forecast.warningDay ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runForecastCommand(process.argv.slice(2));
}
