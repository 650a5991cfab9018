import { describe, expect, it } from 'vitest';
import type { SurveyReport } from '../api/types';
import { formatHours, formatNps, formatRate, surveyTiles } from './surveys';

const report: SurveyReport = {
  from: '2026-09-08T09:00:00.000Z',
  to: '2026-12-01T09:00:00.000Z',
  nps: { score: 33.3, responses: 6, weekly: [] },
  csat: { responses: 0, satisfied_rate: null },
  response_rate: { invited: 4, responded: 1, rate: 0.25 },
  loop_closure: { opened: 3, closed: 1, rate: 1 / 3, median_hours_to_close: 2.5, outcomes: { recovered: 1, not_recovered: 0, unrecorded: 2 } },
};

describe('survey tiles', () => {
  it('shows NPS with its sign, and a dash before any answer', () => {
    expect([formatNps(33.3), formatNps(-12.5), formatNps(0), formatNps(null)]).toEqual(['+33.3', '−12.5', '0', '—']);
  });

  it('reads rates as whole percentages and hours in the unit an agent would say', () => {
    expect([formatRate(1 / 3), formatRate(1), formatRate(null)]).toEqual(['33%', '100%', '—']);
    expect([formatHours(0.25), formatHours(2.54), formatHours(50), formatHours(null)]).toEqual(['15 min', '2.5 h', '2.1 d', '—']);
  });

  it('lists NPS, CSAT, response rate, loop closure and time to close, saying what is not measured yet', () => {
    expect(surveyTiles(report)).toEqual([
      { id: 'nps', label: 'NPS', value: '+33.3', detail: '6 answers' },
      { id: 'csat', label: 'CSAT satisfied', value: '—', detail: 'no ratings yet' },
      { id: 'response-rate', label: 'Response rate', value: '25%', detail: '1 of 4 invitations answered' },
      { id: 'loop-closure', label: 'Loop closure', value: '33%', detail: '1 of 3 follow-ups answered · 1 recovered, 0 not' },
      { id: 'time-to-close', label: 'Median time to close', value: '2.5 h', detail: 'from the answer to a reply that reached the customer' },
    ]);
  });

  it('counts recovered customers only once an outcome is recorded', () => {
    const unrecorded = { ...report, loop_closure: { ...report.loop_closure, outcomes: { recovered: 0, not_recovered: 0, unrecorded: 3 } } };
    expect(surveyTiles(unrecorded)[3]?.detail).toBe('1 of 3 follow-ups answered');
  });

  it('says so when no follow-up was opened', () => {
    const quiet = { ...report, loop_closure: { opened: 0, closed: 0, rate: null, median_hours_to_close: null, outcomes: { recovered: 0, not_recovered: 0, unrecorded: 0 } } };
    expect(
      surveyTiles(quiet)
        .slice(3)
        .map((t) => [t.value, t.detail]),
    ).toEqual([
      ['—', 'no follow-ups opened'],
      ['—', 'no loop closed yet'],
    ]);
  });
});
