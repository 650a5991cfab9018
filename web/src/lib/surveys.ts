// The survey report as the dashboard's tiles: NPS, CSAT, response rate, loop closure and time to close.
import type { SurveyReport } from '../api/types';

export interface Tile {
  id: string;
  label: string;
  /** The big number, or "—" when there is nothing to measure yet. */
  value: string;
  detail: string;
}

/** NPS in points with its sign: +30, −12.5, 0; "—" without answers. */
export function formatNps(score: number | null): string {
  if (score === null) return '—';
  if (score > 0) return `+${score}`;
  return score < 0 ? `−${Math.abs(score)}` : '0';
}

/** A 0–1 share as a whole percentage; "—" when there is nothing to divide. */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 100)}%`;
}

/** Hours as an agent reads them: minutes under an hour, hours under two days, days beyond. */
export function formatHours(hours: number | null): string {
  if (hours === null) return '—';
  if (hours < 1) return `${Math.round(hours * 60)} min`;
  if (hours < 48) return `${Math.round(hours * 10) / 10} h`;
  return `${Math.round((hours / 24) * 10) / 10} d`;
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The five tiles of the survey report, in the order the dashboard shows them. */
export function surveyTiles(report: SurveyReport): Tile[] {
  const { nps, csat, response_rate: response, loop_closure: loop } = report;
  const outcomes = loop.outcomes;
  return [
    { id: 'nps', label: 'NPS', value: formatNps(nps.score), detail: nps.responses ? count(nps.responses, 'answer') : 'no answers yet' },
    { id: 'csat', label: 'CSAT satisfied', value: formatRate(csat.satisfied_rate), detail: csat.responses ? count(csat.responses, 'rating') : 'no ratings yet' },
    {
      id: 'response-rate',
      label: 'Response rate',
      value: formatRate(response.rate),
      detail: response.invited ? `${response.responded} of ${count(response.invited, 'invitation')} answered` : 'no invitations sent',
    },
    {
      id: 'loop-closure',
      label: 'Loop closure',
      value: formatRate(loop.rate),
      detail: loop.opened
        ? `${loop.closed} of ${count(loop.opened, 'follow-up')} answered${outcomes.recovered + outcomes.not_recovered > 0 ? ` · ${outcomes.recovered} recovered, ${outcomes.not_recovered} not` : ''}`
        : 'no follow-ups opened',
    },
    {
      id: 'time-to-close',
      label: 'Median time to close',
      value: formatHours(loop.median_hours_to_close),
      detail: loop.closed ? 'from the answer to a reply that reached the customer' : 'no loop closed yet',
    },
  ];
}
