// Agents and managers: listing and creating them (admin).
import { request } from './http';
import { itemsOf } from './lists';
import type { Agent, AuditEntry, CreatedAgent, ListOf, NewAgent } from './types';

/** `GET /api/v1/agents` — everyone who can own a case. */
export async function listAgents(): Promise<Agent[]> {
  return itemsOf(await request<ListOf<Agent>>('/agents'));
}

/** `POST /api/v1/agents` — creates an agent, manager or admin. */
export function createAgent(input: NewAgent): Promise<CreatedAgent> {
  return request<CreatedAgent>('/agents', { method: 'POST', body: input });
}

export type AgentAccessAction = 'disable' | 'enable' | 'end-sessions' | 'delete';

/** Disables, enables, deletes an agent or ends their sessions (admin); each revokes what it must at once. */
export function changeAgentAccess(input: { id: string; action: AgentAccessAction }): Promise<{ id: string; tokens_revoked: number }> {
  const id = encodeURIComponent(input.id);
  if (input.action === 'delete') return request(`/agents/${id}`, { method: 'DELETE' });
  const path = input.action === 'end-sessions' ? 'sessions/end' : input.action;
  return request(`/agents/${id}/${path}`, { method: 'POST' });
}

/** `GET /api/v1/audit-log` — the newest entries first (admin). */
export async function listAuditLog(): Promise<AuditEntry[]> {
  return itemsOf(await request<ListOf<AuditEntry>>('/audit-log?limit=50'));
}
