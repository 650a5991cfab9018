// Agents and managers: listing and creating them (admin).
import { request } from './http';
import { itemsOf } from './lists';
import type { Agent, CreatedAgent, ListOf, NewAgent } from './types';

/** `GET /api/v1/agents` — everyone who can own a case. */
export async function listAgents(): Promise<Agent[]> {
  return itemsOf(await request<ListOf<Agent>>('/agents'));
}

/** `POST /api/v1/agents` — creates an agent, manager or admin. */
export function createAgent(input: NewAgent): Promise<CreatedAgent> {
  return request<CreatedAgent>('/agents', { method: 'POST', body: input });
}
