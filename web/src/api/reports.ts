// Reports behind the dashboard and the manager's view (manager role).
import { query, request } from './http';
import { itemsOf } from './lists';
import type { AgentLoad, Dashboard, Forecast, ListOf, SurveyReport } from './types';

/** `GET /api/v1/reports/dashboard?days=` — the series the dashboard charts, over whole UTC days ending today. */
export function fetchDashboard(days?: number): Promise<Dashboard> {
  return request<Dashboard>(`/reports/dashboard${query({ days: days?.toString() })}`);
}

/** `GET /api/v1/reports/agents` — each agent's open cases and at-risk commitments. */
export async function fetchAgentLoad(): Promise<AgentLoad[]> {
  return itemsOf(await request<ListOf<AgentLoad>>('/reports/agents'));
}

/** `GET /api/v1/reports/surveys` — NPS by week, CSAT, response rate and loop closure (default: the last 12 weeks). */
export function fetchSurveyReport(): Promise<SurveyReport> {
  return request<SurveyReport>('/reports/surveys');
}

/** `GET /api/v1/reports/forecast?days=` — the surge forecast from the current hour (default: the configured horizon). */
export function fetchForecast(days?: number): Promise<Forecast> {
  return request<Forecast>(`/reports/forecast${query({ days: days?.toString() })}`);
}
