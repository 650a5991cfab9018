// Login, logout and the signed-in agent.
import { request } from './http';
import type { Agent, LoginResult } from './types';

/** `POST /api/v1/auth/login` — exchanges an email and password for a session token. */
export function login(credentials: { email: string; password: string }): Promise<LoginResult> {
  return request<LoginResult>('/auth/login', { method: 'POST', body: credentials });
}

/** `POST /api/v1/auth/logout` — ends the session on the server. */
export async function logout(): Promise<void> {
  await request<unknown>('/auth/logout', { method: 'POST', body: {} });
}

/** `GET /api/v1/me` — the agent the token belongs to. */
export function fetchMe(): Promise<Agent> {
  return request<Agent>('/me');
}

/** `POST /api/v1/auth/set-password` — sets a new agent's password with the one-time link's token. */
export async function setPassword(input: { token: string; password: string }): Promise<void> {
  await request<unknown>('/auth/set-password', { method: 'POST', body: input });
}
