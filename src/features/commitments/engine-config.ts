// Turns the validated config sections into what the engine runs on: calendars built once, at start.
import { createBusinessCalendar } from './calendar.js';
import type { EngineConfig } from './engine.types.js';
import type { CommitmentConfig } from './policy.schemas.js';

/** Builds the engine's configuration; throws a RangeError naming the calendar when one cannot be built. */
export function buildEngineConfig(config: CommitmentConfig): EngineConfig {
  const calendars = Object.fromEntries(Object.entries(config.calendars).map(([name, def]) => [name, createBusinessCalendar(def)]));
  return Object.freeze({ policies: config.policies, calendars, teams: config.teams });
}
