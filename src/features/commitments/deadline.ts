// Deadlines: when a commitment falls due, when it is at risk, and where it moves after a pause.
import type { BusinessCalendar } from '../../shared/business-calendar.js';
import type { Commitment } from './commitment.js';
import type { EngineConfig, TimerRef } from './engine.types.js';
import type { DeadlineRule, Policy } from './policy.schemas.js';

const msPerMinute = 60_000;

/** The calendar a business deadline counts on: the rule's own, else the case team's, else `default`. */
export function calendarNameFor(rule: DeadlineRule, team: string | null, config: EngineConfig): string | null {
  if ('minutes' in rule) return null;
  return rule.calendar ?? (team ? config.teams[team]?.calendar : undefined) ?? 'default';
}

function calendarNamed(name: string, config: EngineConfig): BusinessCalendar {
  const calendar = config.calendars[name];
  if (!calendar) throw new RangeError(`no calendar named ${name}`);
  return calendar;
}

/** The due time of a commitment opened at `from` under `rule`. */
export function computeDueAt(options: { rule: DeadlineRule; from: Date; calendarName: string | null; config: EngineConfig }): Date {
  const { rule, from } = options;
  if ('minutes' in rule) return new Date(from.getTime() + rule.minutes * msPerMinute);
  const calendar = calendarNamed(options.calendarName ?? 'default', options.config);
  if ('business_minutes' in rule) return calendar.addBusinessMinutes(from, rule.business_minutes);
  return calendar.addBusinessDays(from, rule.business_days);
}

/**
 * The due time after a pause from `pausedAt` to `resumedAt`: a wall-clock deadline moves by the elapsed
 * time, a business deadline by the business time that passed while paused.
 */
export function shiftDueAt(options: { dueAt: Date; pausedAt: Date; resumedAt: Date; calendarName: string | null; config: EngineConfig }): Date {
  const { dueAt, pausedAt, resumedAt } = options;
  if (options.calendarName === null) return new Date(dueAt.getTime() + Math.max(0, resumedAt.getTime() - pausedAt.getTime()));
  const calendar = calendarNamed(options.calendarName, options.config);
  return calendar.addBusinessMinutes(dueAt, calendar.businessMinutesBetween(pausedAt, resumedAt));
}

/** The timers a commitment needs for its current due time: at risk (when the policy says) and breach. */
export function timersFor(commitment: Commitment, policy: Policy | undefined): TimerRef[] {
  const timers: TimerRef[] = [];
  const lead = policy?.at_risk?.lead_minutes;
  if (lead !== undefined) {
    const fireAt = Math.max(commitment.dueAt.getTime() - lead * msPerMinute, commitment.openedAt.getTime());
    if (fireAt < commitment.dueAt.getTime()) {
      timers.push({ commitmentId: commitment.id, kind: 'at_risk', fireAt: new Date(fireAt), dueAt: commitment.dueAt });
    }
  }
  timers.push({ commitmentId: commitment.id, kind: 'breach', fireAt: commitment.dueAt, dueAt: commitment.dueAt });
  return timers;
}

/**
 * The timers of a commitment set by hand rather than by its policy (one another feature asked for, or a
 * deadline a person moved): breach at the due time, and at risk `atRiskLeadMinutes` before it, never before now.
 */
export function requestedTimers(options: { commitment: Pick<Commitment, 'id' | 'dueAt'>; atRiskLeadMinutes: number | undefined; now: Date }): TimerRef[] {
  const { commitment, atRiskLeadMinutes: lead, now } = options;
  const timers: TimerRef[] = [{ commitmentId: commitment.id, kind: 'breach', fireAt: commitment.dueAt, dueAt: commitment.dueAt }];
  if (lead !== undefined && lead > 0) {
    const fireAt = new Date(Math.max(commitment.dueAt.getTime() - lead * msPerMinute, now.getTime()));
    if (fireAt.getTime() < commitment.dueAt.getTime()) timers.unshift({ commitmentId: commitment.id, kind: 'at_risk', fireAt, dueAt: commitment.dueAt });
  }
  return timers;
}
