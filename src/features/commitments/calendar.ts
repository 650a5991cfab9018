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
const msPerDay = 86_400_000;
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

  interface LocalDay {
    dt: DateTime;
    start: number;
    end: number;
    intervals: Interval[];
    /** False on a day the clocks change, where elapsed time and wall-clock time part. */
    uniformOffset: boolean;
  }
  const localDays = new Map<string, LocalDay>();
  const following = new Map<LocalDay, LocalDay>();
  const localDaysByUtcDay = new Map<number, LocalDay[]>();

  function localDayOf(dt: DateTime): LocalDay {
    const key = dt.toISODate() ?? '';
    let day = localDays.get(key);
    if (!day) {
      const next = dt.plus({ days: 1 }).startOf('day');
      day = { dt, start: dt.toMillis(), end: next.toMillis(), intervals: intervalsOf(dt), uniformOffset: dt.offset === next.minus({ milliseconds: 1 }).offset };
      if (localDays.size > 4_096) {
        localDays.clear();
        following.clear();
        localDaysByUtcDay.clear();
      }
      localDays.set(key, day);
    }
    return day;
  }

  function nextLocalDay(day: LocalDay): LocalDay {
    let next = following.get(day);
    if (!next) {
      next = localDayOf(day.dt.plus({ days: 1 }).startOf('day'));
      following.set(day, next);
    }
    return next;
  }

  function localDayAt(t: number): LocalDay {
    const utcDay = Math.floor(t / msPerDay);
    let candidates = localDaysByUtcDay.get(utcDay);
    if (!candidates) {
      candidates = [];
      localDaysByUtcDay.set(utcDay, candidates);
    }
    const found = candidates.find((d) => d.start <= t && t < d.end);
    if (found) return found;
    const day = localDayOf(localDay(t));
    candidates.push(day);
    return day;
  }

  // The hot paths (isOpen, adding and counting minutes) work on UTC days: each UTC day holds the open
  // intervals of the local days around it, clipped to it, so they run on plain numbers after the first use.
  const bucketCache = new Map<number, Interval[]>();

  function bucket(utcDay: number): Interval[] {
    const cached = bucketCache.get(utcDay);
    if (cached) return cached;
    const start = utcDay * msPerDay;
    const end = start + msPerDay;
    const result: Interval[] = [];
    // A zone is at most 14 hours from UTC, so the local days from one before to one after cover the bucket.
    let day = localDay(start).minus({ days: 1 });
    const last = localDay(end).plus({ days: 1 }).toMillis();
    while (day.toMillis() <= last) {
      for (const i of intervalsOf(day)) {
        const clipped = { start: Math.max(i.start, start), end: Math.min(i.end, end) };
        if (clipped.end > clipped.start) result.push(clipped);
      }
      day = day.plus({ days: 1 }).startOf('day');
    }
    result.sort((a, b) => a.start - b.start);
    if (bucketCache.size > 4_096) bucketCache.clear();
    bucketCache.set(utcDay, result);
    return result;
  }

  function* bucketsFrom(at: number): Generator<Interval[]> {
    const first = Math.floor(at / msPerDay);
    for (let d = first; d < first + maxDaysSearched; d += 1) yield bucket(d);
    throw new RangeError(`${def.name}: no open business time within ${maxDaysSearched} days`);
  }

  function addBusinessMs(from: number, amount: number): number {
    let remaining = amount;
    if (remaining <= 0) return from;
    for (const intervals of bucketsFrom(from)) {
      for (const interval of intervals) {
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
      return bucket(Math.floor(t / msPerDay)).some((i) => i.start <= t && t < i.end);
    },
    addBusinessMinutes(from, minutes) {
      return new Date(addBusinessMs(from.getTime(), minutes * msPerMinute));
    },
    addBusinessDays(from, days) {
      const t = from.getTime();
      const first = localDayAt(t);
      let day = first;
      let counted = 0;
      for (let i = 0; counted < days; i += 1) {
        if (i > maxDaysSearched) throw new RangeError(`${def.name}: no business day within ${maxDaysSearched} days`);
        day = nextLocalDay(day);
        if (day.intervals.length > 0) counted += 1;
      }
      // Same wall-clock time: plain arithmetic when neither day has a clock change, luxon when one does.
      let sameTime: number;
      if (first.uniformOffset && day.uniformOffset) {
        sameTime = day.start + (t - first.start);
      } else {
        const local = DateTime.fromMillis(t, { zone: def.zone });
        sameTime = day.dt.set({ hour: local.hour, minute: local.minute, second: local.second, millisecond: local.millisecond }).toMillis();
      }
      const close = day.intervals.at(-1)?.end;
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
      const lastDay = Math.floor(b / msPerDay);
      for (let d = Math.floor(a / msPerDay); d <= lastDay; d += 1) {
        for (const interval of bucket(d)) {
          total += Math.max(0, Math.min(interval.end, b) - Math.max(interval.start, a));
        }
      }
      return total / msPerMinute;
    },
  };
}
