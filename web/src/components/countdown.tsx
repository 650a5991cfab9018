// A deadline shown as a live countdown, coloured by urgency.
import { formatCountdown } from '../lib/countdown';

/** A live countdown to a deadline; `now` comes from the page's ticking clock. */
export function CountdownText({ dueAt, now }: { dueAt: string | null | undefined; now: number }) {
  const c = formatCountdown(dueAt, now);
  return (
    <span className={`countdown countdown-${c.urgency}`} title={dueAt ?? undefined}>
      <span aria-hidden="true">{c.text}</span>
      <span className="visually-hidden">{c.label}</span>
    </span>
  );
}
