// The only SQL for agents and their tokens.
import type { Selectable } from 'kysely';
import type { Queryable } from '../../db/create-db.js';
import type { AgentsTable, ApiTokensTable } from '../../db/database.js';
import { newId } from '../../shared/ids.js';

export type Role = 'agent' | 'manager' | 'admin';

export interface AgentRecord {
  id: string;
  name: string;
  email: string;
  role: Role;
  passwordHash: string | null;
  skills: string[];
  capacity: number;
  outOfOffice: boolean;
  lastAssignedAt: Date | null;
  createdAt: Date;
  disabledAt: Date | null;
  deletedAt: Date | null;
}

function toAgentRecord(row: Selectable<AgentsTable>): AgentRecord {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    passwordHash: row.password_hash,
    skills: row.skills,
    capacity: row.capacity,
    outOfOffice: row.out_of_office,
    lastAssignedAt: row.last_assigned_at,
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
    deletedAt: row.deleted_at,
  };
}

export async function insertAgent(
  q: Queryable,
  input: { name: string; email: string; role: Role; passwordHash: string | null; skills?: string[]; capacity?: number; at: Date },
): Promise<AgentRecord | undefined> {
  const row = await q
    .insertInto('agents')
    .values({
      id: newId('agt'),
      name: input.name,
      email: input.email,
      role: input.role,
      password_hash: input.passwordHash,
      skills: JSON.stringify(input.skills ?? []),
      ...(input.capacity !== undefined ? { capacity: input.capacity } : {}),
      created_at: input.at,
    })
    .onConflict((oc) => oc.column('email').doNothing())
    .returningAll()
    .executeTakeFirst();
  return row && toAgentRecord(row);
}

export async function findAgentById(q: Queryable, id: string): Promise<AgentRecord | undefined> {
  const row = await q.selectFrom('agents').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toAgentRecord(row);
}

export async function findAgentByEmail(q: Queryable, email: string): Promise<AgentRecord | undefined> {
  const row = await q.selectFrom('agents').selectAll().where('email', '=', email).executeTakeFirst();
  return row && toAgentRecord(row);
}

/** Every agent but the deleted ones. */
export async function listAgents(q: Queryable): Promise<AgentRecord[]> {
  const rows = await q.selectFrom('agents').selectAll().where('deleted_at', 'is', null).orderBy('created_at').orderBy('id').execute();
  return rows.map(toAgentRecord);
}

export async function setAgentPassword(q: Queryable, options: { agentId: string; passwordHash: string }): Promise<void> {
  await q.updateTable('agents').set({ password_hash: options.passwordHash }).where('id', '=', options.agentId).execute();
}

export async function setAgentAccess(q: Queryable, options: { agentId: string; disabledAt?: Date | null; deletedAt?: Date }): Promise<void> {
  await q
    .updateTable('agents')
    .set({ ...(options.disabledAt !== undefined ? { disabled_at: options.disabledAt } : {}), ...(options.deletedAt ? { deleted_at: options.deletedAt } : {}) })
    .where('id', '=', options.agentId)
    .execute();
}

export interface TokenRecord {
  id: string;
  kind: Selectable<ApiTokensTable>['kind'];
  role: Role;
  agentId: string | null;
  expiresAt: Date | null;
}

export async function insertToken(
  q: Queryable,
  input: { tokenHash: string; kind: TokenRecord['kind']; role: Role; agentId: string | null; label?: string; expiresAt?: Date | null; at: Date },
): Promise<void> {
  await q
    .insertInto('api_tokens')
    .values({
      id: newId('tok'),
      token_hash: input.tokenHash,
      kind: input.kind,
      role: input.role,
      agent_id: input.agentId,
      label: input.label ?? null,
      created_at: input.at,
      expires_at: input.expiresAt ?? null,
    })
    .onConflict((oc) => oc.column('token_hash').doNothing())
    .execute();
}

/** A token that is neither revoked nor expired, and whose agent, if it has one, is neither disabled nor deleted. */
export async function findLiveToken(q: Queryable, options: { tokenHash: string; at: Date }): Promise<TokenRecord | undefined> {
  const row = await q
    .selectFrom('api_tokens')
    .leftJoin('agents', 'agents.id', 'api_tokens.agent_id')
    .select(['api_tokens.id', 'api_tokens.kind', 'api_tokens.role', 'api_tokens.agent_id', 'api_tokens.expires_at'])
    .where('api_tokens.token_hash', '=', options.tokenHash)
    .where('api_tokens.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('api_tokens.expires_at', 'is', null), eb('api_tokens.expires_at', '>', options.at)]))
    .where('agents.disabled_at', 'is', null)
    .where('agents.deleted_at', 'is', null)
    .executeTakeFirst();
  return row && { id: row.id, kind: row.kind, role: row.role, agentId: row.agent_id, expiresAt: row.expires_at };
}

export async function revokeToken(q: Queryable, options: { tokenHash: string; at: Date }): Promise<void> {
  await q.updateTable('api_tokens').set({ revoked_at: options.at }).where('token_hash', '=', options.tokenHash).execute();
}

export interface TokenListing {
  id: string;
  kind: TokenRecord['kind'];
  role: Role;
  agentId: string | null;
  label: string | null;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

/** Every token that still works, or every token of one agent; never the hash. */
export async function listTokens(q: Queryable, options: { agentId?: string | undefined; at: Date }): Promise<TokenListing[]> {
  let query = q
    .selectFrom('api_tokens')
    .select(['id', 'kind', 'role', 'agent_id', 'label', 'created_at', 'expires_at', 'revoked_at'])
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', options.at)]));
  if (options.agentId) query = query.where('agent_id', '=', options.agentId);
  const rows = await query.orderBy('created_at').orderBy('id').execute();
  return rows.map((row) => ({ id: row.id, kind: row.kind, role: row.role, agentId: row.agent_id, label: row.label, createdAt: row.created_at, expiresAt: row.expires_at, revokedAt: row.revoked_at }));
}

/** Revokes tokens by id, by agent (optionally of some kinds), or of a kind except one hash; returns the ids revoked. */
export async function revokeTokens(
  q: Queryable,
  options: { at: Date } & ({ ids: string[] } | { agentId: string; kinds?: TokenRecord['kind'][] } | { kind: TokenRecord['kind']; exceptHash: string }),
): Promise<string[]> {
  let query = q.updateTable('api_tokens').set({ revoked_at: options.at }).where('revoked_at', 'is', null);
  if ('ids' in options) query = query.where('id', 'in', options.ids.length > 0 ? options.ids : ['']);
  else if ('agentId' in options) {
    query = query.where('agent_id', '=', options.agentId);
    if (options.kinds) query = query.where('kind', 'in', options.kinds);
  } else query = query.where('kind', '=', options.kind).where('token_hash', '!=', options.exceptHash);
  const rows = await query.returning('id').execute();
  return rows.map((row) => row.id);
}

export async function countTokensOfKind(q: Queryable, kind: TokenRecord['kind']): Promise<number> {
  const row = await q
    .selectFrom('api_tokens')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('kind', '=', kind)
    .where('revoked_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function hasAnyAgent(q: Queryable): Promise<boolean> {
  return (await q.selectFrom('agents').select('id').limit(1).executeTakeFirst()) !== undefined;
}
