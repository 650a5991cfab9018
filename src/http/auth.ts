// Bearer-token authentication and role checks. Access is part of each route's declaration
// (`config: { auth }`), never derived from the URL: the router decodes and normalises paths, so a check on
// the raw URL can be walked around (`/%61pi/...`). A route that declares no access makes start fail.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { AppError } from '../shared/app-error.js';
import { roleAtLeast, type AgentService, type Principal, type Role } from '../features/agents/agent.service.js';

/** Who may call a route: anyone (`public`) or a token of at least this role. */
export type Access = Role | 'public';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route. Required on every route: one without it makes the app fail at start. */
    auth?: Access;
    /** The route also reads the token from `?token=` (EventSource cannot send headers). */
    tokenInQuery?: boolean;
    /** The route also accepts the scrape token (KEPT_METRICS_TOKEN), which opens nothing else. */
    metricsToken?: boolean;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** A route as registered, with the access it declared. */
export interface RouteAccess {
  method: string;
  url: string;
  auth: Access | undefined;
}

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  const query = request.query as { token?: unknown } | undefined;
  if (request.routeOptions.config.tokenInQuery === true && typeof query?.token === 'string') return query.token;
  return undefined;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Installs the access model: an onRoute hook records every route and its declared access (start fails,
 * naming them, when any route declares none), and an onRequest hook enforces the matched route's access.
 * Returns the registry of routes, which tests walk.
 */
export function registerAuth(app: FastifyInstance, deps: { agents: AgentService; metricsToken?: string | undefined }): { routes: RouteAccess[] } {
  const declared: RouteOptions[] = [];
  const routes: RouteAccess[] = [];
  app.decorateRequest('principal', null);
  // Read at onReady, not in the hook itself: a plugin's own onRoute hook (the console's) runs after this
  // one and may still declare access for the routes it registers.
  app.addHook('onRoute', (route) => {
    declared.push(route);
  });
  app.addHook('onReady', async () => {
    routes.length = 0;
    for (const route of declared) {
      for (const method of [route.method].flat()) routes.push({ method, url: route.url, auth: route.config?.auth });
    }
    const undeclared = routes.filter((route) => route.auth === undefined);
    if (undeclared.length > 0) {
      throw new Error(`Every route must declare config.auth ('public', 'agent', 'manager' or 'admin'); these do not: ${undeclared.map((route) => `${route.method} ${route.url}`).join(', ')}`);
    }
  });
  app.addHook('onRequest', async (request) => {
    // No route matched: the not-found handler answers, and it reveals nothing.
    if (request.is404) return;
    const needed = request.routeOptions.config.auth;
    if (needed === 'public') return;
    // Unreachable after the start check; denying keeps the default closed if that check ever changes.
    if (needed === undefined) throw new AppError('forbidden', { detail: 'This route declares no access' });
    const token = bearerToken(request);
    if (!token) throw new AppError('unauthenticated', { detail: 'Send a bearer token: Authorization: Bearer <token>' });
    if (request.routeOptions.config.metricsToken === true && deps.metricsToken && sameSecret(token, deps.metricsToken)) return;
    const principal = await deps.agents.authenticate(token);
    if (!principal) throw new AppError('unauthenticated', { detail: 'The token is unknown, expired or revoked' });
    if (!roleAtLeast(principal.role, needed)) throw new AppError('forbidden', { detail: `This needs the ${needed} role; the token has ${principal.role}` });
    request.principal = principal;
  });
  return { routes };
}

/** The principal of an authenticated route (the hook guarantees one). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('unauthenticated', { detail: 'Not authenticated' });
  return request.principal;
}
