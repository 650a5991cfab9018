// The `forecast` section of kept.config.yaml: horizon, history window, staffing and the holiday surges.
import { z } from 'zod';
import { holidaySchema } from './forecast-model.js';
import type { Holiday, Staffing } from './forecast-model.js';

const agentCount = z.number().min(0);

export const forecastSectionSchema = z
  .object({
    /** IANA zone the hour-of-week profile and holiday dates are read in. */
    zone: z.string().default('UTC'),
    /** Days projected when a request or the command line does not say. */
    days: z.number().int().positive().max(90).default(14),
    /** Weeks of history the profile is fitted on. */
    weeks: z.number().int().positive().max(104).default(8),
    first_response_hours: z.number().positive().default(4),
    /** A day warns when more than this share of its arrivals would wait past the first-response deadline. */
    warn_share: z.number().min(0).max(1).default(0.02),
    staffing: z
      .object({
        /** Agents on duty: one number for every hour, 24 by hour of day, or 168 by hour of week (Monday 00:00 first). */
        agents_per_hour: z.union([agentCount, z.array(agentCount).length(24), z.array(agentCount).length(168)]).default(4),
        /** Contacts one agent answers in an hour. */
        handled_per_agent_hour: z.number().positive().default(6),
      })
      .strict()
      .prefault({}),
    holidays: z.array(holidaySchema.strict()).default([]),
  })
  .strict();

export type ForecastSection = z.infer<typeof forecastSectionSchema>;

/** The section's defaults, for code that runs without a config file (tests, the history command). */
export const defaultForecastSection: ForecastSection = forecastSectionSchema.parse({});

export interface ForecastSettings {
  zone: string;
  days: number;
  weeks: number;
  firstResponseHours: number;
  warnShare: number;
  staffing: Staffing;
  holidays: Holiday[];
}

/** The section in the model's terms. */
export function toForecastSettings(section: ForecastSection): ForecastSettings {
  return {
    zone: section.zone,
    days: section.days,
    weeks: section.weeks,
    firstResponseHours: section.first_response_hours,
    warnShare: section.warn_share,
    staffing: { agentsPerHour: section.staffing.agents_per_hour, handledPerAgentHour: section.staffing.handled_per_agent_hour },
    holidays: section.holidays,
  };
}
