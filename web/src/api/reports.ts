// Reports behind the dashboard and the manager's view.
import { request } from './http';
import { itemsOf } from './lists';
import type { AgentLoad, Dashboard, ListOf } from './types';

/** `GET /api/v1/reports/dashboard` — the series the dashboard charts. */
export function fetchDashboard(): Promise<Dashboard> {
  return request<Dashboard>('/reports/dashboard');
}

/** `GET /api/v1/reports/agents` — each agent's open cases and at-risk commitments. */
export async function fetchAgentLoad(): Promise<AgentLoad[]> {
  return itemsOf(await request<ListOf<AgentLoad>>('/reports/agents'));
}
