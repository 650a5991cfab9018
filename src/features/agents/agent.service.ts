// Agents, roles, password login and bearer tokens.
import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import type { Db } from '../../db/create-db.js';
import { AppError } from '../../shared/app-error.js';
import type { Clock } from '../../shared/clock.js';
import * as repo from './agent.repo.js';
import { insertAuditEntry } from './audit-log.repo.js';
import { dummyPasswordHash, hashPassword, hashToken, newSecretToken, verifyPassword } from './password.js';

export type { Role } from './agent.repo.js';

const roleRank: Record<repo.Role, number> = { agent: 1, manager: 2, admin: 3 };

export function roleAtLeast(role: repo.Role, needed: repo.Role): boolean {
  return roleRank[role] >= roleRank[needed];
}

export interface Principal {
  role: repo.Role;
  agentId: string | null;
  tokenKind: repo.TokenRecord['kind'];
  /** The token's own id (never its secret), so the audit log can name a token that belongs to no agent. */
  tokenId: string;
}

export interface AgentView {
  id: string;
  name: string;
  email: string;
  role: repo.Role;
  skills: string[];
  capacity: number;
  out_of_office: boolean;
  /** True when an admin disabled the agent: no login, no working token. */
  disabled: boolean;
  created_at: string;
}

export function toAgentView(agent: repo.AgentRecord): AgentView {
  return {
    id: agent.id,
    name: agent.name,
    email: agent.email,
    role: agent.role,
    skills: agent.skills,
    capacity: agent.capacity,
    out_of_office: agent.outOfOffice,
    disabled: agent.disabledAt !== null,
    created_at: agent.createdAt.toISOString(),
  };
}

/**
 * Who writes as whom: an agent's token writes as that agent, whatever the body says; only an admin may act
 * for another agent, and then `onBehalf` says so, for the audit log. A token that belongs to no agent must
 * name one.
 */
export function actingAuthor(principal: Principal, requested: string | undefined): { authorId: string; onBehalf: boolean } {
  if (!requested || requested === principal.agentId) {
    if (principal.agentId) return { authorId: principal.agentId, onBehalf: false };
    throw new AppError('validation_failed', { detail: 'author_id: this token belongs to no agent; name the agent who writes', field: 'author_id' });
  }
  if (principal.role !== 'admin') throw new AppError('forbidden', { detail: 'author_id: an agent writes as themself; only an admin may write for another agent', field: 'author_id' });
  return { authorId: requested, onBehalf: true };
}

const sessionHours = 12;
const setupLinkHours = 72;

/** How long a checked token is trusted without asking the store again; logout clears it at once. */
const tokenCacheMs = 5_000;

export function createAgentService(deps: {
  db: Db;
  clock: Clock;
  logger: Logger;
  publicUrl: string;
  /** Checks a password against a stored hash; scrypt unless a caller (a test counting checks) wraps it. */
  verifyPassword?: (password: string, stored: string) => Promise<boolean>;
}) {
  const checkPassword = deps.verifyPassword ?? verifyPassword;
  // Every API request authenticates; a short cache keeps that from costing a query per request.
  const principals = new LRUCache<string, Principal>({ max: 10_000, ttl: tokenCacheMs });

  /**
   * KEPT_ADMIN_TOKEN becomes the bootstrap admin token, and a changed one revokes the one it replaces; without
   * one, the first start creates one and returns it to print once.
   */
  async function ensureAdminToken(configured: string | undefined): Promise<string | undefined> {
    const at = deps.clock.now();
    if (configured) {
      const tokenHash = hashToken(configured);
      await deps.db.transaction().execute(async (tx) => {
        const revoked = await repo.revokeTokens(tx, { kind: 'admin_bootstrap', exceptHash: tokenHash, at });
        for (const id of revoked) {
          await insertAuditEntry(tx, { at, actorAgentId: null, actorTokenId: null, action: 'token.revoked', targetType: 'token', targetId: id, detail: { reason: 'KEPT_ADMIN_TOKEN changed' } });
        }
        await repo.insertToken(tx, { tokenHash, kind: 'admin_bootstrap', role: 'admin', agentId: null, label: 'KEPT_ADMIN_TOKEN', at });
      });
      return undefined;
    }
    if ((await repo.countTokensOfKind(deps.db, 'admin_bootstrap')) > 0) return undefined;
    const token = newSecretToken('kept_admin');
    await repo.insertToken(deps.db, { tokenHash: hashToken(token), kind: 'admin_bootstrap', role: 'admin', agentId: null, label: 'created at first start', at });
    return token;
  }

  async function authenticate(token: string): Promise<Principal | undefined> {
    const tokenHash = hashToken(token);
    const cached = principals.get(tokenHash);
    if (cached) return cached;
    const record = await repo.findLiveToken(deps.db, { tokenHash, at: deps.clock.now() });
    if (!record || record.kind === 'password_setup') return undefined;
    const principal: Principal = { role: record.role, agentId: record.agentId, tokenKind: record.kind, tokenId: record.id };
    principals.set(tokenHash, principal);
    return principal;
  }

  async function createAgent(input: {
    name: string;
    email: string;
    role: repo.Role;
    password?: string | undefined;
    skills?: string[] | undefined;
    capacity?: number | undefined;
  }): Promise<AgentView & { password_setup_url?: string }> {
    const at = deps.clock.now();
    const passwordHash = input.password ? await hashPassword(input.password) : null;
    const agent = await repo.insertAgent(deps.db, { name: input.name, email: input.email.toLowerCase(), role: input.role, passwordHash, skills: input.skills, capacity: input.capacity, at });
    if (!agent) throw new AppError('conflict', { detail: `An agent with email ${input.email} exists already`, field: 'email' });
    deps.logger.info({ agent_id: agent.id, role: agent.role }, 'agent created');
    if (passwordHash) return toAgentView(agent);
    // Without a password, the answer carries a one-time link to set one.
    const setupToken = newSecretToken('kept_setup');
    await repo.insertToken(deps.db, {
      tokenHash: hashToken(setupToken),
      kind: 'password_setup',
      role: agent.role,
      agentId: agent.id,
      expiresAt: new Date(at.getTime() + setupLinkHours * 3_600_000),
      at,
    });
    return { ...toAgentView(agent), password_setup_url: `${deps.publicUrl.replace(/\/$/, '')}/#/set-password/${setupToken}` };
  }

  /**
   * The first start of an empty store creates its first admin without a password and returns the one-time
   * link that sets one (printed beside the admin token), so the console can be opened without an API call.
   */
  async function ensureFirstAdmin(input: { email: string }): Promise<{ email: string; link: string } | undefined> {
    if (await repo.hasAnyAgent(deps.db)) return undefined;
    try {
      const admin = await createAgent({ name: 'Admin', email: input.email, role: 'admin' });
      return admin.password_setup_url ? { email: admin.email, link: admin.password_setup_url } : undefined;
    } catch (error) {
      // Another process starting at the same moment created it first.
      if (error instanceof AppError && error.code === 'conflict') return undefined;
      throw error;
    }
  }

  async function setPasswordWithLink(input: { token: string; password: string }): Promise<void> {
    const at = deps.clock.now();
    const record = await repo.findLiveToken(deps.db, { tokenHash: hashToken(input.token), at });
    if (!record || record.kind !== 'password_setup' || !record.agentId) throw new AppError('unauthenticated', { detail: 'This link is not valid (used or expired)', field: 'token' });
    await repo.setAgentPassword(deps.db, { agentId: record.agentId, passwordHash: await hashPassword(input.password) });
    await repo.revokeToken(deps.db, { tokenHash: hashToken(input.token), at });
  }

  async function login(input: { email: string; password: string }): Promise<{ token: string; agent: AgentView }> {
    const agent = await repo.findAgentByEmail(deps.db, input.email.toLowerCase());
    // An unknown address costs the same scrypt as a known one, so the answer's time does not tell which it was.
    const valid = await checkPassword(input.password, agent?.passwordHash ?? dummyPasswordHash);
    if (!agent?.passwordHash || !valid || agent.disabledAt || agent.deletedAt) throw new AppError('unauthenticated', { detail: 'Wrong email or password' });
    const at = deps.clock.now();
    const token = newSecretToken('kept_session');
    await repo.insertToken(deps.db, { tokenHash: hashToken(token), kind: 'session', role: agent.role, agentId: agent.id, expiresAt: new Date(at.getTime() + sessionHours * 3_600_000), at });
    deps.logger.info({ agent_id: agent.id }, 'agent logged in');
    return { token, agent: toAgentView(agent) };
  }

  async function logout(token: string): Promise<void> {
    principals.delete(hashToken(token));
    await repo.revokeToken(deps.db, { tokenHash: hashToken(token), at: deps.clock.now() });
  }

  async function createApiToken(input: { role: repo.Role; label: string }): Promise<string> {
    const token = newSecretToken('kept_api');
    await repo.insertToken(deps.db, { tokenHash: hashToken(token), kind: 'api', role: input.role, agentId: null, label: input.label, at: deps.clock.now() });
    return token;
  }

  async function getAgent(id: string): Promise<AgentView> {
    const agent = await repo.findAgentById(deps.db, id);
    if (!agent || agent.deletedAt) throw new AppError('not_found', { detail: `No agent ${id}` });
    return toAgentView(agent);
  }

  async function listAgents(): Promise<AgentView[]> {
    return (await repo.listAgents(deps.db)).map(toAgentView);
  }

  /** Forgets every cached token check, so a revocation holds at the next request of this process. */
  function forgetCachedPrincipals(): void {
    principals.clear();
  }

  return { forgetCachedPrincipals, ensureAdminToken, ensureFirstAdmin, authenticate, createAgent, setPasswordWithLink, login, logout, createApiToken, getAgent, listAgents };
}

export type AgentService = ReturnType<typeof createAgentService>;
