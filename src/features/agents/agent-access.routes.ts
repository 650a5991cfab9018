// Admin routes for who may get in: tokens and their revocation, disabling, enabling and deleting agents,
// ending an agent's sessions, and the audit log of all of these.
import { z } from 'zod';
import { principalOf } from '../../http/auth.js';
import type { App } from '../../http/route-types.js';
import type { AgentAccessService } from './agent-access.service.js';

const idParams = z.object({ id: z.string().min(1).max(100) });
const changed = z.object({ id: z.string(), tokens_revoked: z.number().int() });
const tokenView = z.object({
  id: z.string(),
  kind: z.enum(['admin_bootstrap', 'api', 'session', 'password_setup']),
  role: z.enum(['agent', 'manager', 'admin']),
  agent_id: z.string().nullable(),
  label: z.string().nullable(),
  created_at: z.string(),
  expires_at: z.string().nullable(),
});
const auditEntry = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.object({ agent_id: z.string().nullable(), token_id: z.string().nullable() }),
  action: z.string(),
  target: z.object({ type: z.string(), id: z.string() }),
  detail: z.record(z.string(), z.unknown()),
});

export function registerAgentAccessRoutes(app: App, deps: { access: AgentAccessService }): void {
  const agentChange = (operationId: string, summary: string) => ({
    config: { auth: 'admin' as const },
    schema: { operationId, summary, tags: ['agents'], params: idParams, response: { 200: changed } },
  });
  app.post('/api/v1/agents/:id/disable', agentChange('disableAgent', 'Disable an agent: no login, every token revoked'), async (request) =>
    deps.access.disableAgent({ agentId: request.params.id, actor: principalOf(request) }),
  );
  app.post('/api/v1/agents/:id/enable', agentChange('enableAgent', 'Enable a disabled agent (they log in again)'), async (request) =>
    deps.access.enableAgent({ agentId: request.params.id, actor: principalOf(request) }),
  );
  app.delete('/api/v1/agents/:id', agentChange('deleteAgent', 'Delete an agent: gone from lists, every token revoked'), async (request) =>
    deps.access.deleteAgent({ agentId: request.params.id, actor: principalOf(request) }),
  );
  app.post('/api/v1/agents/:id/sessions/end', agentChange('endAgentSessions', 'End every console session of an agent'), async (request) =>
    deps.access.endSessions({ agentId: request.params.id, actor: principalOf(request) }),
  );
  app.get(
    '/api/v1/tokens',
    {
      config: { auth: 'admin' },
      schema: {
        operationId: 'listTokens',
        summary: 'Tokens that still work (never their secret)',
        tags: ['agents'],
        querystring: z.object({ agent_id: z.string().max(100).optional() }),
        response: { 200: z.object({ items: z.array(tokenView) }) },
      },
    },
    async (request) => ({ items: await deps.access.listTokens({ agentId: request.query.agent_id }) }),
  );
  app.post(
    '/api/v1/tokens/:id/revoke',
    { config: { auth: 'admin' }, schema: { operationId: 'revokeToken', summary: 'Revoke a token at once', tags: ['agents'], params: idParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await deps.access.revokeToken({ tokenId: request.params.id, actor: principalOf(request) });
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/api/v1/audit-log',
    {
      config: { auth: 'admin' },
      schema: {
        operationId: 'listAuditLog',
        summary: 'Who changed who may get in, and who acted for whom, newest first',
        tags: ['agents'],
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100), cursor: z.string().max(100).optional() }),
        response: { 200: z.object({ items: z.array(auditEntry), next_cursor: z.string().nullable() }) },
      },
    },
    async (request) => deps.access.listAuditLog({ limit: request.query.limit, cursor: request.query.cursor }),
  );
}
