// The live forecast as the API shows it (LiveForecast).
import { z } from 'zod';
import { timeText } from '../../http/responses.js';

const forecastDaySchema = z.object({
  date: z.string(),
  arrivals: z.number(),
  byChannel: z.record(z.string(), z.number()),
  capacity: z.number(),
  peakBacklog: z.number(),
  peakAtRisk: z.number(),
  breaches: z.number(),
  uplift: z.number(),
  warning: z.boolean(),
});

export const liveForecastSchema = z
  .object({
    from: timeText,
    zone: z.string(),
    labels: z.array(z.string()),
    series: z.array(z.object({ name: z.string(), values: z.array(z.number()) })),
    days: z.array(forecastDaySchema),
    warningDay: z.string().nullable(),
    warningInDays: z.number().nullable(),
    firstResponseHours: z.number(),
    startingBacklog: z.number(),
    history: z.object({ from: timeText, to: timeText, contacts: z.number() }),
  })
  .meta({ id: 'Forecast' });
