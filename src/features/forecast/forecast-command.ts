// `kept forecast`: the arrival history of a file (or of the live store), the `forecast` section of the config,
// and the table and chart on the terminal (or the whole forecast as JSON).
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { readJsonl } from '../audit/audit-input.js';
import { arrivalCountSchema, createArrivalCounter } from './arrivals.js';
import type { ArrivalCount } from './arrivals.js';
import { defaultForecastSection, toForecastSettings } from './forecast-config.js';
import type { ForecastSection, ForecastSettings } from './forecast-config.js';
import { forecastFromArrivals } from './forecast-from-arrivals.js';
import type { Forecast } from './forecast-model.js';
import { formatForecastChart, formatForecastTable } from './forecast-render.js';
import type { LiveForecast } from './forecast.service.js';

/** Reads arrivals from a JSON Lines history (events) or a JSON array of `{hour, channel, count}`. */
export async function readArrivals(file: string): Promise<ArrivalCount[]> {
  if (file.endsWith('.json')) return z.array(arrivalCountSchema).parse(JSON.parse(await readFile(file, 'utf8')));
  const counter = createArrivalCounter();
  const event = z.object({ type: z.string(), occurred_at: z.string(), data: z.record(z.string(), z.unknown()).optional() });
  await readJsonl({
    stream: createReadStream(file, { highWaterMark: 1 << 20 }),
    sink: {
      accept: (value) => {
        const e = event.safeParse(value);
        if (e.success) counter.add(e.data);
      },
      reject: () => undefined,
    },
  });
  return counter.counts();
}

const usage = `kept forecast [--from history.jsonl|arrivals.json] [--days 14] [--agents 12] [--per-agent-hour 6]
  [--surge 2026-12-01:2026-12-24:2] [--start ISO] [--zone Europe/Madrid] [--json]
Without --from, the live store's inbound messages are forecast. Defaults come from the forecast section of kept.config.yaml.`;

const numberFlag = (name: string, value: string | undefined): number | undefined => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name}: ${value} is not a number`);
  return n;
};

export interface ForecastCommandDeps {
  argv: string[];
  /** The `forecast` section of kept.config.yaml; its defaults when omitted. */
  section?: ForecastSection;
  /** The live store's forecast (the running instance's, or the store's read directly), for runs without --from. */
  readLive?: (options: { days: number }) => Promise<LiveForecast>;
  write?: (text: string) => void;
}

function parseForecastArgs(args: string[]) {
  return parseArgs({
    args,
    options: {
      from: { type: 'string' },
      agents: { type: 'string' },
      'per-agent-hour': { type: 'string' },
      days: { type: 'string' },
      surge: { type: 'string', multiple: true, default: [] },
      start: { type: 'string' },
      zone: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
}

/** `kept forecast`: prints the table and chart (or JSON with --json); exit code 1 when a warning day is projected. */
export async function runForecastCommand(deps: ForecastCommandDeps): Promise<number> {
  const write = deps.write ?? ((text: string) => void process.stdout.write(text));
  let parsed: ReturnType<typeof parseForecastArgs>;
  try {
    parsed = parseForecastArgs(deps.argv);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${usage}\n`);
    return 2;
  }
  const { values } = parsed;
  const base = toForecastSettings(deps.section ?? defaultForecastSection);
  const agents = numberFlag('agents', values.agents);
  const perAgentHour = numberFlag('per-agent-hour', values['per-agent-hour']);
  const settings: ForecastSettings = {
    ...base,
    ...(values.zone ? { zone: values.zone } : {}),
    days: numberFlag('days', values.days) ?? base.days,
    staffing: { agentsPerHour: agents ?? base.staffing.agentsPerHour, handledPerAgentHour: perAgentHour ?? base.staffing.handledPerAgentHour },
    holidays: [
      ...base.holidays,
      ...values.surge.map((s) => {
        const [from = '', to, uplift] = s.split(':');
        return { from, to: to || from, uplift: Number(uplift ?? 1) };
      }),
    ],
  };

  if (!values.from) {
    if (!deps.readLive) {
      process.stderr.write(`${usage}\n`);
      return 2;
    }
    const live = await deps.readLive({ days: settings.days });
    write(
      values.json
        ? `${JSON.stringify(live)}\n`
        : `${formatForecastTable(live)}\n\nFitted on ${live.history.contacts} contacts from ${live.history.from} to ${live.history.to}; ${live.startingBacklog} waiting now.\n`,
    );
    return live.warningDay ? 1 : 0;
  }
  const forecast: Forecast = forecastFromArrivals({ arrivals: await readArrivals(values.from), settings, ...(values.start ? { from: new Date(values.start) } : {}) });
  write(values.json ? `${JSON.stringify(forecast)}\n` : `${formatForecastTable(forecast)}\n\n${formatForecastChart(forecast, { colors: process.stdout.isTTY === true })}\n`);
  return forecast.warningDay ? 1 : 0;
}
