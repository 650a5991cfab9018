// Formats a deadline as a countdown an agent reads at a glance, and how urgent it is.

export type Urgency = 'none' | 'overdue' | 'soon' | 'later';

export interface Countdown {
  /** Short text for the cell, e.g. `2h 05m` or `-12m 30s`. */
  text: string;
  /** The same for screen readers, e.g. `due in 2 hours 5 minutes` or `overdue by 12 minutes`. */
  label: string;
  urgency: Urgency;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Deadlines closer than this are shown as `soon`: one hour, the usual at-risk horizon. */
export const SOON_MS = HOUR;

function pad(n: number): string {
  return n.toString().padStart(2, '0');
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** Splits a span into its two most significant units, so the text stays short but live. */
function parts(ms: number): { short: string; long: string } {
  const days = Math.floor(ms / DAY);
  const hours = Math.floor((ms % DAY) / HOUR);
  const minutes = Math.floor((ms % HOUR) / MINUTE);
  const seconds = Math.floor((ms % MINUTE) / SECOND);
  if (days > 0) return { short: `${days}d ${hours}h`, long: `${plural(days, 'day')} ${plural(hours, 'hour')}` };
  if (hours > 0) return { short: `${hours}h ${pad(minutes)}m`, long: `${plural(hours, 'hour')} ${plural(minutes, 'minute')}` };
  if (minutes > 0) return { short: `${minutes}m ${pad(seconds)}s`, long: plural(minutes, 'minute') };
  return { short: `${seconds}s`, long: plural(seconds, 'second') };
}

/**
 * Formats the time left until `dueAt` as seen at `now` (milliseconds since the epoch).
 * A missing or unreadable deadline gives an em dash with urgency `none`.
 */
export function formatCountdown(dueAt: string | null | undefined, now: number): Countdown {
  const due = dueAt ? Date.parse(dueAt) : Number.NaN;
  if (Number.isNaN(due)) return { text: '—', label: 'no deadline', urgency: 'none' };
  const left = due - now;
  if (left < 0) {
    // Rounded up so that a deadline passed by half a second already reads as overdue by 1s.
    const { short, long } = parts(Math.ceil(-left / SECOND) * SECOND);
    return { text: `-${short}`, label: `overdue by ${long}`, urgency: 'overdue' };
  }
  const { short, long } = parts(left);
  return { text: short, label: `due in ${long}`, urgency: left <= SOON_MS ? 'soon' : 'later' };
}
