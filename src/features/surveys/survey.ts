// Surveys' pure rules: the `surveys:` config section, the throttle, how a CSAT rating travels on the
// 0–10 scale of `survey.responded`, NPS arithmetic and the report's figures.
import { z } from 'zod';

export type SurveyKind = 'nps' | 'csat';

const triggerSchema = (kind: SurveyKind) =>
  z
    .object({ enabled: z.boolean().default(true), kind: z.enum(['nps', 'csat']).default(kind) })
    .strict()
    .default({ enabled: true, kind });

export const surveysSectionSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** At most one invitation per customer in this many days, whatever sent it. */
    throttle_days: z.number().int().min(0).max(3650).default(90),
    after_delivery: triggerSchema('nps'),
    after_resolution: triggerSchema('csat'),
  })
  .strict();

export type SurveysSection = z.infer<typeof surveysSectionSchema>;

/** The settings of a parsed `surveys:` section (the defaults when the section is absent). */
export function surveysSettingsFrom(section: SurveysSection | undefined): SurveysSection {
  return section ?? surveysSectionSchema.parse({});
}

/** Whether a customer last invited at `lastSentAt` may be invited again at `now`. */
export function mayInvite(input: { lastSentAt: Date | undefined; now: Date; throttleDays: number }): boolean {
  if (!input.lastSentAt) return true;
  return input.now.getTime() - input.lastSentAt.getTime() >= input.throttleDays * 24 * 60 * 60 * 1000;
}

/** The answers each survey takes: NPS 0–10, CSAT 1–5. */
export function scaleOf(kind: SurveyKind): { min: number; max: number } {
  return kind === 'nps' ? { min: 0, max: 10 } : { min: 1, max: 5 };
}

/**
 * The 0–10 score a survey answer carries in `survey.responded`. A CSAT rating r (1–5) becomes 2r, so a
 * rating of 3 or less lands on 6 or less and, like a detractor, opens a follow-up case.
 */
export function eventScoreOf(kind: SurveyKind, answer: number): number {
  return kind === 'nps' ? answer : answer * 2;
}

/** Parses a score typed or clicked by the customer; an error worded for them when it is not one. */
export function parseAnswer(kind: SurveyKind, raw: string | undefined): { ok: true; value: number } | { ok: false; error: string } {
  const { min, max } = scaleOf(kind);
  const text = raw?.trim() ?? '';
  if (text === '') return { ok: false, error: `Please choose a score from ${min} to ${max}` };
  if (!/^\d{1,2}$/.test(text) || Number(text) < min || Number(text) > max) return { ok: false, error: `The score must be a whole number from ${min} to ${max}` };
  return { ok: true, value: Number(text) };
}

export type NpsBucket = 'promoter' | 'passive' | 'detractor';

export function npsBucket(score: number): NpsBucket {
  if (score >= 9) return 'promoter';
  if (score >= 7) return 'passive';
  return 'detractor';
}

/** NPS: the share of promoters minus the share of detractors, in points (−100…100); null without answers. */
export function netPromoterScore(scores: readonly number[]): number | null {
  if (scores.length === 0) return null;
  const promoters = scores.filter((score) => npsBucket(score) === 'promoter').length;
  const detractors = scores.filter((score) => npsBucket(score) === 'detractor').length;
  return Math.round(((promoters - detractors) / scores.length) * 1000) / 10;
}

/** The Monday (UTC) that starts the ISO week of `at`, as a date. */
export function weekStartOf(at: Date): string {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  const offset = (day.getUTCDay() + 6) % 7;
  day.setUTCDate(day.getUTCDate() - offset);
  return day.toISOString().slice(0, 10);
}

export interface WeeklyNps {
  week_start: string;
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  nps: number | null;
}

/** NPS by ISO week, oldest first; weeks without answers are left out. */
export function weeklyNps(responses: readonly { score: number; at: Date }[]): WeeklyNps[] {
  const byWeek = new Map<string, number[]>();
  for (const response of responses) {
    const week = weekStartOf(response.at);
    byWeek.set(week, [...(byWeek.get(week) ?? []), response.score]);
  }
  return [...byWeek.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([week, scores]) => ({
      week_start: week,
      responses: scores.length,
      promoters: scores.filter((score) => npsBucket(score) === 'promoter').length,
      passives: scores.filter((score) => npsBucket(score) === 'passive').length,
      detractors: scores.filter((score) => npsBucket(score) === 'detractor').length,
      nps: netPromoterScore(scores),
    }));
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export const rate = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 1000) / 1000);
