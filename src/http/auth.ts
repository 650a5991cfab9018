// Bearer-token authentication and role checks. Every /api route needs a token unless its config says
// `auth: 'public'`; customer pages live outside /api and are public by design.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../shared/app-error.js';
import { roleAtLeast, type AgentService, type Principal, type Role } from '../features/agents/agent.service.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The least role a route needs; 'public' for none. Defaults to 'agent' under /api. */
    auth?: Role | 'public';
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  // EventSource cannot send headers: the live stream takes the token as a query parameter.
  const query = request.query as { token?: unknown } | undefined;
  if (request.url.startsWith('/api/v1/stream') && typeof query?.token === 'string') return query.token;
  return undefined;
}

export function registerAuth(app: FastifyInstance, deps: { agents: AgentService }): void {
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request) => {
    const needed = request.routeOptions.config.auth ?? (request.url.startsWith('/api/') || request.url === '/metrics' ? 'agent' : 'public');
    if (needed === 'public') return;
    const token = bearerToken(request);
    if (!token) throw new AppError('unauthenticated', { detail: 'Send a bearer token: Authorization: Bearer <token>' });
    const principal = await deps.agents.authenticate(token);
    if (!principal) throw new AppError('unauthenticated', { detail: 'The token is unknown, expired or revoked' });
    if (!roleAtLeast(principal.role, needed)) throw new AppError('forbidden', { detail: `This needs the ${needed} role; the token has ${principal.role}` });
    request.principal = principal;
  });
}

/** The principal of an authenticated route (the hook guarantees one). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('unauthenticated', { detail: 'Not authenticated' });
  return request.principal;
}
