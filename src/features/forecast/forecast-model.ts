// Fits an hour-of-week profile per channel from arrival history and projects arrivals, backlog and
// first-response breaches against staffing, hour by hour, with holiday uplifts.
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { ArrivalCount } from './arrivals.js';

const HOUR = 3_600_000;
const WEEK_HOURS = 168;

export const holidaySchema = z.object({
  name: z.string().optional(),
  /** First local date of the surge, YYYY-MM-DD. */
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** Last local date, included; the same day when omitted. */
  to: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  /** Arrivals on these dates are the usual ones times this. */
  uplift: z.number().positive(),
});
export type Holiday = z.infer<typeof holidaySchema>;

export const staffingSchema = z.object({
  /** Agents on duty: one number for every hour, 24 by hour of day, or 168 by hour of week (Monday 00:00 first). */
  agentsPerHour: z.union([z.number().min(0), z.array(z.number().min(0)).length(24), z.array(z.number().min(0)).length(WEEK_HOURS)]),
  /** Contacts one agent answers in an hour. */
  handledPerAgentHour: z.number().positive(),
});
export type Staffing = z.infer<typeof staffingSchema>;

export interface ArrivalModel {
  zone: string;
  /** Expected arrivals per hour of week (Monday 00:00 local first), per channel, holidays taken out. */
  profiles: Record<string, number[]>;
  holidays: Holiday[];
  fittedFrom: string;
  fittedTo: string;
  weeksUsed: number;
}

function hourOfWeek(ms: number, zone: string): { how: number; date: string } {
  const t = DateTime.fromMillis(ms, { zone });
  return { how: (t.weekday - 1) * 24 + t.hour, date: t.toISODate() ?? '' };
}

/** The uplift for a local date: the product of every surge that covers it (1 when none does). */
export function upliftOn(date: string, holidays: readonly Holiday[]): number {
  let factor = 1;
  for (const h of holidays) if (date >= h.from && date <= (h.to ?? h.from)) factor *= h.uplift;
  return factor;
}

/**
 * Fits the weekly profile of each channel: the mean count at each hour of week over the last `weeks` weeks
 * of history (hours with no arrivals count as zero), with holiday hours divided by their uplift.
 */
export function fitArrivalModel(params: { arrivals: readonly ArrivalCount[]; zone?: string; holidays?: readonly Holiday[]; weeks?: number }): ArrivalModel {
  const zone = params.zone ?? 'UTC';
  const holidays = [...(params.holidays ?? [])];
  const hours = params.arrivals.map((a) => Date.parse(a.hour));
  if (hours.length === 0) return { zone, profiles: {}, holidays, fittedFrom: '', fittedTo: '', weeksUsed: 0 };
  const last = Math.floor(Math.max(...hours) / HOUR) * HOUR;
  const earliest = Math.floor(Math.min(...hours) / HOUR) * HOUR;
  const first = Math.max(earliest, last - (params.weeks ?? 8) * WEEK_HOURS * HOUR + HOUR);
  const span = (last - first) / HOUR + 1;
  // How many times each hour of week occurs in the window, so silent hours weigh as zeros.
  const seen = new Array<number>(WEEK_HOURS).fill(0);
  const upliftAt = new Map<number, number>();
  for (let i = 0; i < span; i++) {
    const ms = first + i * HOUR;
    const { how, date } = hourOfWeek(ms, zone);
    seen[how] = (seen[how] ?? 0) + 1;
    const u = upliftOn(date, holidays);
    if (u !== 1) upliftAt.set(ms, u);
  }
  const sums: Record<string, number[]> = {};
  for (const a of params.arrivals) {
    const ms = Math.floor(Date.parse(a.hour) / HOUR) * HOUR;
    if (ms < first) continue;
    const profile = (sums[a.channel] ??= new Array<number>(WEEK_HOURS).fill(0));
    const { how } = hourOfWeek(ms, zone);
    profile[how] = (profile[how] ?? 0) + a.count / (upliftAt.get(ms) ?? 1);
  }
  const profiles = Object.fromEntries(Object.entries(sums).map(([channel, s]) => [channel, s.map((v, i) => (seen[i] ? v / (seen[i] as number) : 0))]));
  return { zone, profiles, holidays, fittedFrom: new Date(first).toISOString(), fittedTo: new Date(last + HOUR).toISOString(), weeksUsed: span / WEEK_HOURS };
}

export interface ForecastHour {
  hour: string;
  arrivals: number;
  capacity: number;
  /** Contacts waiting for a first response at the end of the hour. */
  backlog: number;
  /** Waiting contacts past half of the first-response window: at risk. */
  atRisk: number;
  /** Contacts whose first-response deadline passes in this hour, unanswered. */
  breaches: number;
}

export interface ForecastDay {
  date: string;
  arrivals: number;
  byChannel: Record<string, number>;
  capacity: number;
  peakBacklog: number;
  peakAtRisk: number;
  breaches: number;
  uplift: number;
  warning: boolean;
}

export interface Forecast {
  from: string;
  days: ForecastDay[];
  hours: ForecastHour[];
  /** The first day whose breaches pass the warning share of its arrivals; null when none does. */
  warningDay: string | null;
  /** Days from the start of the forecast to the warning day (0 = the first day); null when none. */
  warningInDays: number | null;
  firstResponseHours: number;
}

function agentsAt(staffing: Staffing, how: number): number {
  const a = staffing.agentsPerHour;
  if (typeof a === 'number') return a;
  return (a.length === 24 ? a[how % 24] : a[how]) ?? 0;
}

/**
 * Projects the next `days` days from `from` (an hour start): expected arrivals per channel, what the staff
 * can answer, the first-in-first-out backlog, and the contacts that will wait past `firstResponseHours`.
 */
export function projectForecast(params: {
  model: ArrivalModel;
  from: Date;
  days: number;
  staffing: Staffing;
  firstResponseHours?: number;
  startingBacklog?: number;
  /** A day warns when its breaches exceed this share of its arrivals. */
  warnShare?: number;
}): Forecast {
  const { model, staffing } = params;
  const window = params.firstResponseHours ?? 4;
  const warnShare = params.warnShare ?? 0.02;
  const start = Math.floor(params.from.getTime() / HOUR) * HOUR;
  const queue: Array<{ at: number; left: number; breached: boolean }> = [];
  if (params.startingBacklog) queue.push({ at: -1, left: params.startingBacklog, breached: false });
  const hours: ForecastHour[] = [];
  const days = new Map<string, ForecastDay>();
  const channels = Object.keys(model.profiles);
  for (let i = 0; i < params.days * 24; i++) {
    const ms = start + i * HOUR;
    const { how, date } = hourOfWeek(ms, model.zone);
    const uplift = upliftOn(date, model.holidays);
    const byChannel = Object.fromEntries(channels.map((c) => [c, (model.profiles[c]?.[how] ?? 0) * uplift]));
    const arrivals = Object.values(byChannel).reduce((a, b) => a + b, 0);
    const capacity = agentsAt(staffing, how) * staffing.handledPerAgentHour;
    queue.push({ at: i, left: arrivals, breached: false });
    let free = capacity;
    while (free > 0 && queue.length > 0) {
      const head = queue[0] as { left: number };
      const served = Math.min(free, head.left);
      head.left -= served;
      free -= served;
      if (head.left <= 1e-9) queue.shift();
    }
    let breaches = 0;
    let atRisk = 0;
    let backlog = 0;
    for (const c of queue) {
      const age = i - c.at + 1;
      backlog += c.left;
      if (age >= window && !c.breached) {
        c.breached = true;
        breaches += c.left;
      }
      if (age >= window / 2 && !c.breached) atRisk += c.left;
    }
    hours.push({ hour: new Date(ms).toISOString(), arrivals, capacity, backlog, atRisk, breaches });
    let d = days.get(date);
    if (!d) days.set(date, (d = { date, arrivals: 0, byChannel: Object.fromEntries(channels.map((c) => [c, 0])), capacity: 0, peakBacklog: 0, peakAtRisk: 0, breaches: 0, uplift, warning: false }));
    d.arrivals += arrivals;
    for (const c of channels) d.byChannel[c] = (d.byChannel[c] ?? 0) + (byChannel[c] ?? 0);
    d.capacity += capacity;
    d.peakBacklog = Math.max(d.peakBacklog, backlog);
    d.peakAtRisk = Math.max(d.peakAtRisk, atRisk);
    d.breaches += breaches;
  }
  const list = [...days.values()];
  for (const d of list) d.warning = d.breaches > warnShare * d.arrivals;
  const warningIndex = list.findIndex((d) => d.warning);
  return {
    from: new Date(start).toISOString(),
    days: list,
    hours,
    warningDay: list[warningIndex]?.date ?? null,
    warningInDays: warningIndex >= 0 ? warningIndex : null,
    firstResponseHours: window,
  };
}
