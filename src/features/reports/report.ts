// The dashboard's window of days and first-response buckets: pure, so the SQL only counts.

const dayMs = 86_400_000;

export interface ReportWindow {
  /** Midnight UTC of the first day. */
  from: Date;
  /** Midnight UTC after the last day (exclusive). */
  to: Date;
  /** `YYYY-MM-DD` of each day, oldest first. */
  days: string[];
}

/** The `dayCount` whole UTC days ending with the day of `now`. */
export function reportWindow(now: Date, dayCount: number): ReportWindow {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const from = today - (dayCount - 1) * dayMs;
  const days = Array.from({ length: dayCount }, (_, index) => new Date(from + index * dayMs).toISOString().slice(0, 10));
  return { from: new Date(from), to: new Date(today + dayMs), days };
}

/** First-response buckets: a response within `underMinutes` (and not an earlier bucket) falls in it. */
export const firstResponseBuckets = [
  { label: '< 15 min', underMinutes: 15 },
  { label: '15–60 min', underMinutes: 60 },
  { label: '1–4 h', underMinutes: 240 },
  { label: '4–24 h', underMinutes: 1440 },
  { label: '> 24 h', underMinutes: Number.POSITIVE_INFINITY },
] as const;

/** Spreads counts keyed by day index (0 = first day) over every day of the window, zero where none. */
export function countsPerDay<K extends string>(days: string[], rows: Array<{ dayIndex: number } & Record<K, number>>, keys: K[]): Array<{ day: string } & Record<K, number>> {
  return days.map((day, index) => {
    const entry = { day } as { day: string } & Record<K, number>;
    for (const key of keys) entry[key] = 0 as (typeof entry)[K];
    for (const row of rows) if (row.dayIndex === index) for (const key of keys) entry[key] = (entry[key] + row[key]) as (typeof entry)[K];
    return entry;
  });
}
