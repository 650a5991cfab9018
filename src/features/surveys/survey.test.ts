import { describe, expect, it } from 'vitest';
import { eventScoreOf, mayInvite, median, netPromoterScore, parseAnswer, surveysSectionSchema, weekStartOf, weeklyNps } from './survey.js';

describe('surveys', () => {
  it('invites a customer at most once per throttle window', () => {
    const last = new Date('2026-12-01T09:00:00Z');
    expect(mayInvite({ lastSentAt: undefined, now: last, throttleDays: 90 })).toBe(true);
    expect(mayInvite({ lastSentAt: last, now: new Date('2027-02-28T08:59:59Z'), throttleDays: 90 })).toBe(false);
    expect(mayInvite({ lastSentAt: last, now: new Date('2027-03-01T09:00:00Z'), throttleDays: 90 })).toBe(true);
  });

  it('reads a score only within its survey’s scale, with an error the customer understands', () => {
    expect(parseAnswer('nps', '0')).toEqual({ ok: true, value: 0 });
    expect(parseAnswer('nps', '11')).toEqual({ ok: false, error: 'The score must be a whole number from 0 to 10' });
    expect(parseAnswer('csat', '0')).toEqual({ ok: false, error: 'The score must be a whole number from 1 to 5' });
    expect(parseAnswer('csat', undefined)).toEqual({ ok: false, error: 'Please choose a score from 1 to 5' });
    expect(parseAnswer('nps', '7.5').ok).toBe(false);
  });

  it('carries a CSAT rating of 3 or less as a score that opens a follow-up', () => {
    expect([1, 2, 3, 4, 5].map((rating) => eventScoreOf('csat', rating))).toEqual([2, 4, 6, 8, 10]);
    expect(eventScoreOf('nps', 7)).toBe(7);
  });

  it('computes NPS as promoters minus detractors, by ISO week', () => {
    expect(netPromoterScore([])).toBeNull();
    expect(netPromoterScore([10, 9, 8, 3])).toBe(25);
    expect(weekStartOf(new Date('2026-12-06T23:00:00Z'))).toBe('2026-11-30');
    expect(weekStartOf(new Date('2026-12-07T00:00:00Z'))).toBe('2026-12-07');
    const weeks = weeklyNps([
      { score: 10, at: new Date('2026-12-08T10:00:00Z') },
      { score: 2, at: new Date('2026-12-01T10:00:00Z') },
      { score: 9, at: new Date('2026-12-02T10:00:00Z') },
    ]);
    expect(weeks).toEqual([
      { week_start: '2026-11-30', responses: 2, promoters: 1, passives: 0, detractors: 1, nps: 0 },
      { week_start: '2026-12-07', responses: 1, promoters: 1, passives: 0, detractors: 0, nps: 100 },
    ]);
  });

  it('takes the median of an even count as the mean of the middle two', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([5])).toBe(5);
    expect(median([])).toBeNull();
  });

  it('ships NPS after delivery, CSAT after resolution, 90 days apart', () => {
    expect(surveysSectionSchema.parse({})).toEqual({ enabled: true, throttle_days: 90, after_delivery: { enabled: true, kind: 'nps' }, after_resolution: { enabled: true, kind: 'csat' } });
    expect(() => surveysSectionSchema.parse({ throttle_days: -1 })).toThrow();
  });
});
