// The calendar promises fall back on when no business calendar is configured: Monday to Friday,
// 09:00–17:00 in the customer's time zone, no holidays. The engine's configured calendar replaces it.

import { DateTime } from 'luxon';
import type { BusinessCalendar } from '../../shared/business-calendar.js';

const openHour = 9;
const closeHour = 17;

function isWeekday(day: DateTime): boolean {
  return day.weekday <= 5;
}

/** Monday–Friday 09:00–17:00 in `zone`, used when the caller passes no calendar. */
export function createWeekdayCalendar(zone: string): BusinessCalendar {
  const local = (at: Date): DateTime => DateTime.fromJSDate(at, { zone });
  const openOf = (day: DateTime): DateTime => day.set({ hour: openHour, minute: 0, second: 0, millisecond: 0 });
  const closeOf = (day: DateTime): DateTime => day.set({ hour: closeHour, minute: 0, second: 0, millisecond: 0 });
  const nextWeekdayStart = (day: DateTime): DateTime => {
    let next = day.plus({ days: 1 }).startOf('day');
    while (!isWeekday(next)) next = next.plus({ days: 1 });
    return next;
  };

  const isOpen = (at: Date): boolean => {
    const t = local(at);
    return isWeekday(t) && t >= openOf(t) && t < closeOf(t);
  };

  return {
    name: 'weekdays',
    zone,
    isOpen,
    endOfBusinessDay(at) {
      const t = local(at);
      const day = isWeekday(t) ? t : nextWeekdayStart(t);
      return closeOf(day).toJSDate();
    },
    addBusinessDays(from, days) {
      let t = local(from);
      for (let i = 0; i < days; i += 1) {
        t = nextWeekdayStart(t).set({ hour: t.hour, minute: t.minute, second: t.second, millisecond: t.millisecond });
      }
      // "Or the close of that day": a message written after hours lands at close, not in the night.
      return (t > closeOf(t) ? closeOf(t) : t).toJSDate();
    },
    addBusinessMinutes(from, minutes) {
      let t = local(from);
      let left = minutes;
      for (;;) {
        if (!isWeekday(t) || t >= closeOf(t)) {
          t = openOf(nextWeekdayStart(t));
          continue;
        }
        if (t < openOf(t)) t = openOf(t);
        const available = closeOf(t).diff(t, 'minutes').minutes;
        if (left <= available) return t.plus({ minutes: left }).toJSDate();
        left -= available;
        t = closeOf(t);
      }
    },
    businessMinutesBetween(from, to) {
      let t = local(from);
      const end = local(to);
      let total = 0;
      while (t < end) {
        if (!isWeekday(t) || t >= closeOf(t)) {
          t = openOf(nextWeekdayStart(t));
          continue;
        }
        if (t < openOf(t)) t = openOf(t);
        const stop = end < closeOf(t) ? end : closeOf(t);
        if (stop > t) total += stop.diff(t, 'minutes').minutes;
        t = closeOf(t);
      }
      return Math.round(total);
    },
  };
}
