// Agents and sessions: the admin creates agents; agents log in with a password for the console.
import { z } from 'zod';
import { bearerToken, principalOf } from '../../http/auth.js';
import { declareResponses, errorResponses, itemsOf, noContent } from '../../http/responses.js';
import { AppError } from '../../shared/app-error.js';
import type { App } from '../../http/route-types.js';
import { agentViewSchema, createdAgentSchema, loginResultSchema, meSchema, roleSchema } from './agent.schemas.js';
import type { AgentService } from './agent.service.js';

const role = roleSchema;

/**
 * Login attempts allowed in a window, per address and per account; past either the answer is 429 with
 * Retry-After, whether the password is right or not, so guessing costs the attacker the whole window.
 */
export const loginLimits = { perAddress: 30, perAccount: 10, windowMs: 15 * 60_000 } as const;

export function registerAgentRoutes(app: App, deps: { agents: AgentService }): void {
  const perAddress = app.createRateLimit({ max: loginLimits.perAddress, timeWindow: loginLimits.windowMs, keyGenerator: (request) => `login-address:${request.ip}` });
  const perAccount = app.createRateLimit({
    max: loginLimits.perAccount,
    timeWindow: loginLimits.windowMs,
    keyGenerator: (request) => `login-account:${String((request.body as { email?: unknown } | undefined)?.email).toLowerCase()}`,
  });
  app.post(
    '/api/v1/agents',
    {
      config: { auth: 'admin' },
      schema: {
        operationId: 'createAgent',
        summary: 'Create an agent (with a password, or a one-time link to set one)',
        tags: ['agents'],
        response: declareResponses({ 201: createdAgentSchema, ...errorResponses(409) }),
        body: z.object({
          name: z.string().min(1).max(200),
          email: z.email(),
          role,
          password: z.string().min(10, 'at least 10 characters').max(200).optional(),
          skills: z.array(z.string()).optional(),
          capacity: z.number().int().min(1).max(500).optional(),
        }),
      },
    },
    async (request, reply) => reply.status(201).send(await deps.agents.createAgent(request.body)),
  );
  app.get(
    '/api/v1/agents',
    { config: { auth: 'agent' }, schema: { operationId: 'listAgents', summary: 'List agents', tags: ['agents'], response: declareResponses({ 200: itemsOf(agentViewSchema) }) } },
    async () => ({ items: await deps.agents.listAgents() }),
  );
  app.post(
    '/api/v1/auth/login',
    {
      config: { auth: 'public' },
      schema: {
        operationId: 'login',
        summary: 'Log in with email and password for a session token',
        tags: ['auth'],
        body: z.object({ email: z.email().max(320), password: z.string().min(1).max(1000) }),
        response: declareResponses({ 200: loginResultSchema, ...errorResponses(401, 429) }),
      },
      preHandler: async (request, reply) => {
        // Both counts move on every attempt; the first one past its limit answers.
        const limits = [await perAddress(request), await perAccount(request)];
        const exceeded = limits.find((limit) => !limit.isAllowed && limit.isExceeded);
        if (!exceeded || exceeded.isAllowed) return;
        reply.header('retry-after', String(exceeded.ttlInSeconds));
        throw new AppError('too_many_requests', { detail: `Too many login attempts; try again in ${Math.ceil(exceeded.ttlInSeconds / 60)} minutes`, extra: { retry_after: exceeded.ttlInSeconds } });
      },
    },
    async (request) => deps.agents.login(request.body),
  );
  app.post(
    '/api/v1/auth/set-password',
    {
      config: { auth: 'public' },
      schema: {
        operationId: 'setPassword',
        summary: 'Set a password with a one-time link',
        tags: ['auth'],
        response: declareResponses({ 204: noContent, ...errorResponses(401) }),
        body: z.object({ token: z.string().min(1), password: z.string().min(10, 'at least 10 characters').max(200) }),
      },
    },
    async (request, reply) => {
      await deps.agents.setPasswordWithLink(request.body);
      return reply.status(204).send();
    },
  );
  app.post(
    '/api/v1/auth/logout',
    { config: { auth: 'agent' }, schema: { operationId: 'logout', summary: 'End this session', tags: ['auth'], response: declareResponses({ 204: noContent }) } },
    async (request, reply) => {
      const token = bearerToken(request);
      if (token) await deps.agents.logout(token);
      return reply.status(204).send();
    },
  );
  app.get(
    '/api/v1/me',
    { config: { auth: 'agent' }, schema: { operationId: 'getMe', summary: 'Who this token belongs to', tags: ['auth'], response: declareResponses({ 200: meSchema }) } },
    async (request) => {
      const principal = principalOf(request);
      if (!principal.agentId) return { id: null, name: 'Administrator (API token)', email: null, role: principal.role };
      return deps.agents.getAgent(principal.agentId);
    },
  );
}
