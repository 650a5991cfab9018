// Business-hour calendars: opening periods per weekday in an IANA zone, minus holidays.
// Every period is turned into real instants day by day, so a DST change day simply has a shorter or
// longer period and no arithmetic ever happens on wall-clock time.
import { DateTime } from 'luxon';
import type { BusinessCalendar } from '../../shared/business-calendar.js';

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

/** One opening period of a day in local time, e.g. `09:00`–`12:30`; `to` may be `24:00`. */
export interface OpeningPeriod {
  from: string;
  to: string;
}

/** A calendar as it is written in the `calendars` section of kept.config.yaml. */
export interface BusinessCalendarDefinition {
  name: string;
  zone: string;
  hours: Partial<Record<Weekday, readonly OpeningPeriod[]>>;
  /** Closed days as local dates, `YYYY-MM-DD`. */
  holidays?: readonly string[];
}

interface Interval {
  start: number;
  end: number;
}

const msPerMinute = 60_000;
// Ten years of days: a calendar whose open days are all holidays must fail loudly, not loop.
const maxDaysSearched = 3_660;

function parseClock(text: string): { hour: number; minute: number } {
  const match = /^(\d{2}):(\d{2})$/.exec(text);
  if (!match) throw new RangeError(`not a time of day (HH:MM): ${text}`);
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  if (hour > 24 || minute > 59 || (hour === 24 && minute !== 0)) throw new RangeError(`not a time of day: ${text}`);
  return { hour, minute };
}

/**
 * Builds a calendar from its definition. Throws a RangeError for an unknown zone or a malformed period,
 * so a bad definition fails at start rather than when the first deadline is counted.
 */
export function createBusinessCalendar(def: BusinessCalendarDefinition): BusinessCalendar {
  if (!DateTime.local().setZone(def.zone).isValid) throw new RangeError(`unknown time zone: ${def.zone}`);
  const holidays = new Set(def.holidays ?? []);
  const periods = new Map<number, { from: { hour: number; minute: number }; to: { hour: number; minute: number } }[]>();
  weekdays.forEach((day, index) => {
    const list = (def.hours[day] ?? []).map((p) => ({ from: parseClock(p.from), to: parseClock(p.to) }));
    for (const p of list) {
      if (p.from.hour * 60 + p.from.minute >= p.to.hour * 60 + p.to.minute) {
        throw new RangeError(`${def.name}.${day}: period ${JSON.stringify(p)} ends before it starts`);
      }
    }
    list.sort((a, b) => a.from.hour * 60 + a.from.minute - (b.from.hour * 60 + b.from.minute));
    periods.set(index + 1, list);
  });
  if (holidays.size === 0 && [...periods.values()].every((list) => list.length === 0)) {
    throw new RangeError(`${def.name}: no opening hours`);
  }

  const dayCache = new Map<string, Interval[]>();

  /** The open intervals of one local day, as epoch milliseconds. */
  function intervalsOf(day: DateTime): Interval[] {
    const key = day.toISODate() ?? '';
    const cached = dayCache.get(key);
    if (cached) return cached;
    let result: Interval[] = [];
    if (!holidays.has(key)) {
      result = (periods.get(day.weekday) ?? []).map((p) => ({
        start: day.set({ hour: p.from.hour, minute: p.from.minute }).toMillis(),
        end: p.to.hour === 24 ? day.plus({ days: 1 }).startOf('day').toMillis() : day.set({ hour: p.to.hour, minute: p.to.minute }).toMillis(),
      }));
      // On a spring-forward day a period inside the skipped hour collapses; drop what is empty.
      result = result.filter((i) => i.end > i.start);
    }
    if (dayCache.size > 4_096) dayCache.clear();
    dayCache.set(key, result);
    return result;
  }

  function localDay(at: number): DateTime {
    return DateTime.fromMillis(at, { zone: def.zone }).startOf('day');
  }

  function* daysFrom(at: number): Generator<DateTime> {
    let day = localDay(at);
    for (let i = 0; i < maxDaysSearched; i += 1) {
      yield day;
      day = day.plus({ days: 1 }).startOf('day');
    }
    throw new RangeError(`${def.name}: no open business time within ${maxDaysSearched} days`);
  }

  function addBusinessMs(from: number, amount: number): number {
    let remaining = amount;
    if (remaining <= 0) return from;
    for (const day of daysFrom(from)) {
      for (const interval of intervalsOf(day)) {
        if (interval.end <= from) continue;
        const start = Math.max(interval.start, from);
        const available = interval.end - start;
        if (remaining <= available) return start + remaining;
        remaining -= available;
      }
    }
    throw new RangeError('unreachable');
  }

  function closeOf(day: DateTime): number | undefined {
    return intervalsOf(day).at(-1)?.end;
  }

  return {
    name: def.name,
    zone: def.zone,
    isOpen(at) {
      const t = at.getTime();
      return intervalsOf(localDay(t)).some((i) => i.start <= t && t < i.end);
    },
    addBusinessMinutes(from, minutes) {
      return new Date(addBusinessMs(from.getTime(), minutes * msPerMinute));
    },
    addBusinessDays(from, days) {
      const start = DateTime.fromMillis(from.getTime(), { zone: def.zone });
      let day = start.startOf('day');
      let counted = 0;
      for (let i = 0; counted < days; i += 1) {
        if (i > maxDaysSearched) throw new RangeError(`${def.name}: no business day within ${maxDaysSearched} days`);
        day = day.plus({ days: 1 }).startOf('day');
        if (intervalsOf(day).length > 0) counted += 1;
      }
      const sameTime = day.set({ hour: start.hour, minute: start.minute, second: start.second, millisecond: start.millisecond }).toMillis();
      const close = closeOf(day);
      return new Date(close !== undefined && sameTime > close ? close : sameTime);
    },
    endOfBusinessDay(at) {
      for (const day of daysFrom(at.getTime())) {
        const close = closeOf(day);
        if (close !== undefined) return new Date(close);
      }
      throw new RangeError('unreachable');
    },
    businessMinutesBetween(from, to) {
      const a = from.getTime();
      const b = to.getTime();
      if (b <= a) return 0;
      let total = 0;
      for (const day of daysFrom(a)) {
        if (day.toMillis() >= b) break;
        for (const interval of intervalsOf(day)) {
          total += Math.max(0, Math.min(interval.end, b) - Math.max(interval.start, a));
        }
      }
      return total / msPerMinute;
    },
  };
}
