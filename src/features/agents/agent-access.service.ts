// What an admin does about who may get in: revoke a token, disable, enable or delete an agent, end an agent's
// sessions, and read the audit log that records each of these with who did it.
import type { Db, Queryable } from '../../db/create-db.js';
import { AppError } from '../../shared/app-error.js';
import type { Clock } from '../../shared/clock.js';
import * as repo from './agent.repo.js';
import { insertAuditEntry, listAuditEntries, findAuditEntry, type AuditEntry } from './audit-log.repo.js';
import type { Principal } from './agent.service.js';

/** Who acts: the principal of the request. */
export type Actor = Pick<Principal, 'agentId' | 'tokenId'>;

export interface TokenView {
  id: string;
  kind: repo.TokenRecord['kind'];
  role: repo.Role;
  agent_id: string | null;
  label: string | null;
  created_at: string;
  expires_at: string | null;
}

export interface AuditEntryView {
  id: string;
  at: string;
  actor: { agent_id: string | null; token_id: string | null };
  action: string;
  target: { type: string; id: string };
  detail: Record<string, unknown>;
}

function toAuditEntryView(entry: AuditEntry): AuditEntryView {
  return {
    id: entry.id,
    at: entry.at.toISOString(),
    actor: { agent_id: entry.actorAgentId, token_id: entry.actorTokenId },
    action: entry.action,
    target: { type: entry.targetType, id: entry.targetId },
    detail: entry.detail,
  };
}

export function createAgentAccessService(deps: { db: Db; clock: Clock; forgetCachedPrincipals: () => void }) {
  async function record(q: Queryable, input: { actor: Actor | null; action: string; targetType: string; targetId: string; detail?: Record<string, unknown>; at: Date }): Promise<void> {
    // A token that belongs to an agent is named by the agent; one that belongs to no agent by its own id.
    const actorAgentId = input.actor?.agentId ?? null;
    const actorTokenId = input.actor && !input.actor.agentId ? input.actor.tokenId : null;
    await insertAuditEntry(q, { at: input.at, actorAgentId, actorTokenId, action: input.action, targetType: input.targetType, targetId: input.targetId, detail: input.detail ?? {} });
  }

  async function agentToChange(q: Queryable, input: { agentId: string; actor: Actor }): Promise<repo.AgentRecord> {
    const agent = await repo.findAgentById(q, input.agentId);
    if (!agent || agent.deletedAt) throw new AppError('not_found', { detail: `No agent ${input.agentId}` });
    // An admin who locks themself out needs someone else's token to get back in.
    if (agent.id === input.actor.agentId) throw new AppError('conflict', { detail: 'An admin cannot disable or delete themself; ask another admin', field: 'id' });
    return agent;
  }

  /** Revokes the agent's tokens of the given kinds (all by default) and records each. */
  async function revokeAgentTokens(q: Queryable, input: { agentId: string; actor: Actor; at: Date; kinds?: repo.TokenRecord['kind'][]; reason: string }): Promise<number> {
    const revoked = await repo.revokeTokens(q, { agentId: input.agentId, ...(input.kinds ? { kinds: input.kinds } : {}), at: input.at });
    for (const id of revoked)
      await record(q, { actor: input.actor, action: 'token.revoked', targetType: 'token', targetId: id, detail: { agent_id: input.agentId, reason: input.reason }, at: input.at });
    return revoked.length;
  }

  async function changeAgent(input: { agentId: string; actor: Actor; action: 'agent.disabled' | 'agent.enabled' | 'agent.deleted' }): Promise<{ id: string; tokens_revoked: number }> {
    const at = deps.clock.now();
    const revoked = await deps.db.transaction().execute(async (tx) => {
      const agent = await agentToChange(tx, input);
      if (input.action === 'agent.enabled') await repo.setAgentAccess(tx, { agentId: agent.id, disabledAt: null });
      else await repo.setAgentAccess(tx, input.action === 'agent.deleted' ? { agentId: agent.id, deletedAt: at } : { agentId: agent.id, disabledAt: at });
      await record(tx, { actor: input.actor, action: input.action, targetType: 'agent', targetId: agent.id, at });
      return input.action === 'agent.enabled' ? 0 : revokeAgentTokens(tx, { agentId: agent.id, actor: input.actor, at, reason: input.action });
    });
    deps.forgetCachedPrincipals();
    return { id: input.agentId, tokens_revoked: revoked };
  }

  async function endSessions(input: { agentId: string; actor: Actor }): Promise<{ id: string; tokens_revoked: number }> {
    const at = deps.clock.now();
    const revoked = await deps.db.transaction().execute(async (tx) => {
      const agent = await repo.findAgentById(tx, input.agentId);
      if (!agent || agent.deletedAt) throw new AppError('not_found', { detail: `No agent ${input.agentId}` });
      await record(tx, { actor: input.actor, action: 'agent.sessions_ended', targetType: 'agent', targetId: agent.id, at });
      return revokeAgentTokens(tx, { agentId: agent.id, actor: input.actor, at, kinds: ['session'], reason: 'sessions ended' });
    });
    deps.forgetCachedPrincipals();
    return { id: input.agentId, tokens_revoked: revoked };
  }

  async function revokeToken(input: { tokenId: string; actor: Actor }): Promise<void> {
    const at = deps.clock.now();
    await deps.db.transaction().execute(async (tx) => {
      const revoked = await repo.revokeTokens(tx, { ids: [input.tokenId], at });
      if (revoked.length === 0) throw new AppError('not_found', { detail: `No live token ${input.tokenId}` });
      await record(tx, { actor: input.actor, action: 'token.revoked', targetType: 'token', targetId: input.tokenId, at });
    });
    deps.forgetCachedPrincipals();
  }

  async function listTokens(input: { agentId?: string | undefined }): Promise<TokenView[]> {
    const tokens = await repo.listTokens(deps.db, { agentId: input.agentId, at: deps.clock.now() });
    return tokens.map((token) => ({
      id: token.id,
      kind: token.kind,
      role: token.role,
      agent_id: token.agentId,
      label: token.label,
      created_at: token.createdAt.toISOString(),
      expires_at: token.expiresAt?.toISOString() ?? null,
    }));
  }

  /** Records an action done by one principal for another agent (an admin replying as an agent). */
  async function recordActingFor(q: Queryable, input: { actor: Actor; action: string; targetType: string; targetId: string; forAgentId: string; at: Date }): Promise<void> {
    await record(q, { actor: input.actor, action: input.action, targetType: input.targetType, targetId: input.targetId, detail: { for_agent_id: input.forAgentId }, at: input.at });
  }

  async function listAuditLog(input: { limit: number; cursor?: string | undefined }): Promise<{ items: AuditEntryView[]; next_cursor: string | null }> {
    const last = input.cursor ? await findAuditEntry(deps.db, input.cursor) : undefined;
    if (input.cursor && !last) throw new AppError('validation_failed', { detail: `cursor: no audit entry ${input.cursor}`, field: 'cursor' });
    const entries = await listAuditEntries(deps.db, { limit: input.limit, before: last });
    return { items: entries.map(toAuditEntryView), next_cursor: entries.length === input.limit ? entries[entries.length - 1]!.id : null };
  }

  return {
    disableAgent: (input: { agentId: string; actor: Actor }) => changeAgent({ ...input, action: 'agent.disabled' }),
    enableAgent: (input: { agentId: string; actor: Actor }) => changeAgent({ ...input, action: 'agent.enabled' }),
    deleteAgent: (input: { agentId: string; actor: Actor }) => changeAgent({ ...input, action: 'agent.deleted' }),
    endSessions,
    revokeToken,
    listTokens,
    recordActingFor,
    listAuditLog,
  };
}

export type AgentAccessService = ReturnType<typeof createAgentAccessService>;
