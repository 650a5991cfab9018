// The shape every feature uses to count business time; features/commitments/calendar.ts implements it.

export interface BusinessCalendar {
  /** The calendar's name in kept.config.yaml, e.g. `support`. */
  readonly name: string;
  /** IANA time zone the opening hours are written in. */
  readonly zone: string;
  /** True when `at` falls inside opening hours and not on a holiday. */
  isOpen(at: Date): boolean;
  /** Adds business minutes to an instant, skipping closed hours and holidays. */
  addBusinessMinutes(from: Date, minutes: number): Date;
  /** Moves forward whole business days, landing at the same time of day (or the close of that day). */
  addBusinessDays(from: Date, days: number): Date;
  /** The close of business on the day that contains `at`; the next business day's close when that day is closed. */
  endOfBusinessDay(at: Date): Date;
  /** Business minutes between two instants (0 when `to` is before `from`). */
  businessMinutesBetween(from: Date, to: Date): number;
}
