// Agents and sessions: the admin creates agents; agents log in with a password for the console.
import { z } from 'zod';
import { bearerToken, principalOf } from '../../http/auth.js';
import type { App } from '../../http/route-types.js';
import type { AgentService } from './agent.service.js';

const role = z.enum(['agent', 'manager', 'admin']);

export function registerAgentRoutes(app: App, deps: { agents: AgentService }): void {
  app.post(
    '/api/v1/agents',
    {
      config: { auth: 'admin' },
      schema: {
        tags: ['agents'],
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
  app.get('/api/v1/agents', { config: { auth: 'agent' }, schema: { tags: ['agents'] } }, async () => ({ items: await deps.agents.listAgents() }));
  app.post(
    '/api/v1/auth/login',
    { config: { auth: 'public' }, schema: { tags: ['auth'], body: z.object({ email: z.email(), password: z.string().min(1) }) } },
    async (request) => deps.agents.login(request.body),
  );
  app.post(
    '/api/v1/auth/set-password',
    { config: { auth: 'public' }, schema: { tags: ['auth'], body: z.object({ token: z.string().min(1), password: z.string().min(10, 'at least 10 characters').max(200) }) } },
    async (request, reply) => {
      await deps.agents.setPasswordWithLink(request.body);
      return reply.status(204).send();
    },
  );
  app.post('/api/v1/auth/logout', { config: { auth: 'agent' }, schema: { tags: ['auth'] } }, async (request, reply) => {
    const token = bearerToken(request);
    if (token) await deps.agents.logout(token);
    return reply.status(204).send();
  });
  app.get('/api/v1/me', { config: { auth: 'agent' }, schema: { tags: ['auth'] } }, async (request) => {
    const principal = principalOf(request);
    if (!principal.agentId) return { id: null, name: 'Administrator (API token)', email: null, role: principal.role };
    return deps.agents.getAgent(principal.agentId);
  });
}
