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
  };
}

export async function insertAgent(q: Queryable, input: { name: string; email: string; role: Role; passwordHash: string | null; skills?: string[]; capacity?: number; at: Date }): Promise<AgentRecord | undefined> {
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

export async function listAgents(q: Queryable): Promise<AgentRecord[]> {
  const rows = await q.selectFrom('agents').selectAll().orderBy('created_at').orderBy('id').execute();
  return rows.map(toAgentRecord);
}

export async function setAgentPassword(q: Queryable, options: { agentId: string; passwordHash: string }): Promise<void> {
  await q.updateTable('agents').set({ password_hash: options.passwordHash }).where('id', '=', options.agentId).execute();
}

export interface TokenRecord {
  id: string;
  kind: Selectable<ApiTokensTable>['kind'];
  role: Role;
  agentId: string | null;
  expiresAt: Date | null;
}

export async function insertToken(q: Queryable, input: { tokenHash: string; kind: TokenRecord['kind']; role: Role; agentId: string | null; label?: string; expiresAt?: Date | null; at: Date }): Promise<void> {
  await q
    .insertInto('api_tokens')
    .values({ id: newId('tok'), token_hash: input.tokenHash, kind: input.kind, role: input.role, agent_id: input.agentId, label: input.label ?? null, created_at: input.at, expires_at: input.expiresAt ?? null })
    .onConflict((oc) => oc.column('token_hash').doNothing())
    .execute();
}

export async function findLiveToken(q: Queryable, options: { tokenHash: string; at: Date }): Promise<TokenRecord | undefined> {
  const row = await q
    .selectFrom('api_tokens')
    .selectAll()
    .where('token_hash', '=', options.tokenHash)
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', options.at)]))
    .executeTakeFirst();
  return row && { id: row.id, kind: row.kind, role: row.role, agentId: row.agent_id, expiresAt: row.expires_at };
}

export async function revokeToken(q: Queryable, options: { tokenHash: string; at: Date }): Promise<void> {
  await q.updateTable('api_tokens').set({ revoked_at: options.at }).where('token_hash', '=', options.tokenHash).execute();
}

export async function countTokensOfKind(q: Queryable, kind: TokenRecord['kind']): Promise<number> {
  const row = await q.selectFrom('api_tokens').select((eb) => eb.fn.countAll<number>().as('count')).where('kind', '=', kind).where('revoked_at', 'is', null).executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function hasAnyAgent(q: Queryable): Promise<boolean> {
  return (await q.selectFrom('agents').select('id').limit(1).executeTakeFirst()) !== undefined;
}
