// Turns the time words of a promise into an instant, in the customer's time zone. chrono-node reads the
// dates; this module only decides what a deadline means: a day without a time is due at close of business,
// "next week" at close on Friday of next week, "within N business days" by the calendar.

// Only the English parsers (the package's default `parse` is the same English casual parser): its index loads
// every locale, 11 MB more resident for languages no rule reads.
import * as chrono from 'chrono-node/en';
import { DateTime } from 'luxon';
import type { BusinessCalendar } from '../../shared/business-calendar.js';

export interface DueTime {
  readonly dueAt: Date;
  readonly timeText: string;
}

export interface ResolveDueOptions {
  readonly text: string;
  readonly sentAt: Date;
  readonly timeZone: string;
  readonly calendar: BusinessCalendar;
}

const numberWords: Readonly<Record<string, number>> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  a: 1,
  an: 1,
};
const count = '(\\d+|one|two|three|four|five|six|seven|eight|nine|ten|an?)';
// chrono has no business time; these words say the calendar must count. A range counts to its far end.
const businessSpan = new RegExp(`\\b${count}(?:\\s*(?:-|–|to|or)\\s*${count})?\\s+(business|working)\\s+(days?|hours?)\\b`, 'i');
const endOfToday = /\b(?:(?:by\s+)?(?:the\s+)?end\s+of\s+(?:the\s+)?(?:day|today|business(?:\s+today)?)|close\s+of\s+business|eod|cob)\b/i;
const endOfThisWeek = /\b(?:the\s+)?end\s+of\s+(?:the|this)\s+week\b|\bthis\s+week\b/i;
const nextWeek = /\bnext\s+week\b/i;

function toNumber(word: string): number {
  return numberWords[word.toLowerCase()] ?? Number(word);
}

const weekdayNames = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const weekdayName = new RegExp(`\\b(${weekdayNames.join('|')})\\b`, 'i');

// "Next week" alone is due at close on Friday of that week; "Monday next week" at close on that Monday.
function closeInWeek(from: DateTime, weeksAhead: number, text: string, calendar: BusinessCalendar): Date {
  const named = weekdayName.exec(text)?.[1]?.toLowerCase();
  const dayIndex = named ? weekdayNames.indexOf(named) : 4;
  const day = from.startOf('week').plus({ weeks: weeksAhead, days: dayIndex }).set({ hour: 12 });
  return calendar.endOfBusinessDay(day.toJSDate());
}

function closeOfDay(day: DateTime, calendar: BusinessCalendar): Date {
  // Noon stands for the whole day, whatever the calendar's own zone.
  return calendar.endOfBusinessDay(day.set({ hour: 12, minute: 0, second: 0, millisecond: 0 }).toJSDate());
}

// A part of the day is due when that part ends.
const partOfDayEnd: ReadonlyArray<readonly [string, number]> = [
  ['casualReference/morning', 12],
  ['casualReference/afternoon', 17],
  ['casualReference/evening', 21],
  ['casualReference/tonight', 21],
];

function chronoDue(text: string, sentAt: Date, zone: string, calendar: BusinessCalendar): DueTime | null {
  const local = DateTime.fromJSDate(sentAt, { zone });
  const reference = { instant: sentAt, timezone: local.offset };
  // chrono reads "from 9am to 1pm" as one window but "between 9am and 1pm" as two times.
  const words = text.replace(/\bbetween\s+([\w:.]+(?:\s*[ap]\.?m\.?)?)\s+and\s+/gi, 'from $1 to ');
  const ahead = chrono.parse(words, reference, { forwardDate: true });
  const nearest = chrono.parse(words, reference);
  for (const result of ahead) {
    // A window ("between 9am and 1pm", "Monday to Wednesday") is due when it closes.
    const start = result.end ?? result.start;
    const tags = result.tags();
    // A written date ("3 November") is read as the nearest one; in the past it is a report, not a deadline.
    if (start.isCertain('month') && start.isCertain('day') && !start.isCertain('year')) {
      const same = nearest.find((r) => r.index === result.index);
      const day = DateTime.fromObject({ year: same?.start.get('year') ?? 0, month: same?.start.get('month') ?? 0, day: same?.start.get('day') ?? 0 }, { zone });
      if (day < local.startOf('day')) continue;
    }
    const timeText = result.text;
    // "Within 48 hours" counts on the wall clock; "3pm EST" names its own zone. chrono's instant is right for both.
    if (tags.has('result/relativeDateAndTime') || start.isCertain('timezoneOffset')) return { dueAt: start.date(), timeText };
    const day = DateTime.fromObject({ year: start.get('year') ?? local.year, month: start.get('month') ?? local.month, day: start.get('day') ?? local.day }, { zone });
    if (start.isCertain('hour')) {
      const at = day.set({ hour: start.get('hour') ?? 0, minute: start.get('minute') ?? 0 });
      return { dueAt: at.toJSDate(), timeText };
    }
    const part = partOfDayEnd.find(([tag]) => tags.has(tag));
    if (part) return { dueAt: day.set({ hour: part[1], minute: 0, second: 0, millisecond: 0 }).toJSDate(), timeText };
    if (day < local.startOf('day')) continue;
    return { dueAt: closeOfDay(day, calendar), timeText };
  }
  return null;
}

/** The due time the words give, or null when they give none. */
export function resolveDueTime(options: ResolveDueOptions): DueTime | null {
  const { text, sentAt, timeZone, calendar } = options;
  const local = DateTime.fromJSDate(sentAt, { zone: timeZone });
  const business = businessSpan.exec(text);
  if (business) {
    const amount = toNumber(business[2] ?? business[1] ?? '0');
    const unit = (business[4] ?? '').toLowerCase();
    const dueAt = unit.startsWith('hour') ? calendar.addBusinessMinutes(sentAt, amount * 60) : calendar.addBusinessDays(sentAt, amount);
    return { dueAt, timeText: business[0] };
  }
  const next = nextWeek.exec(text);
  if (next) return { dueAt: closeInWeek(local, 1, text, calendar), timeText: next[0] };
  const thisWeek = endOfThisWeek.exec(text);
  if (thisWeek) return { dueAt: closeInWeek(local, 0, '', calendar), timeText: thisWeek[0] };
  const today = endOfToday.exec(text);
  if (today) return { dueAt: closeOfDay(local, calendar), timeText: today[0] };
  return chronoDue(text, sentAt, timeZone, calendar);
}
