// An agent's load, defined once: the unresolved cases they own (what assignment weighs against capacity, a
// reassignment picks the lightest by, and the agents report shows), with the escalations a manager owes
// (what spreads escalations fairly). Every feature that weighs agents reads this one query.
import { sql } from 'kysely';
import type { Queryable } from '../../db/create-db.js';
import type { Role } from './agent.repo.js';

export interface AgentLoad {
  id: string;
  name: string;
  role: Role;
  skills: string[];
  capacity: number;
  outOfOffice: boolean;
  /** When the agent was last given a case; null if never. */
  lastAssignedAt: Date | null;
  /** The agent's load: the unresolved cases they own. */
  openCases: number;
  /** Escalations (open or breached) they owe, and when they were last given one. */
  openEscalations: number;
  lastEscalationAt: Date | null;
}

export async function listAgentLoads(q: Queryable): Promise<AgentLoad[]> {
  const result = await sql<{
    id: string;
    name: string;
    role: Role;
    skills: string[];
    capacity: number;
    out_of_office: boolean;
    last_assigned_at: Date | string | null;
    open_cases: number;
    open_escalations: number;
    last_escalation_at: Date | string | null;
  }>`
    select a.id, a.name, a.role, a.skills, a.capacity, a.out_of_office, a.last_assigned_at,
      (select count(*) from cases c where c.owner_id = a.id and c.state <> 'resolved')::int as open_cases,
      (select count(*) from commitments k where k.owner_id = a.id and k.kind = 'escalation' and k.state in ('open', 'breached'))::int as open_escalations,
      (select max(k.opened_at) from commitments k where k.owner_id = a.id and k.kind = 'escalation') as last_escalation_at
    from agents a
    order by a.id`.execute(q);
  const time = (value: Date | string | null) => (value === null ? null : new Date(value));
  return result.rows.map((row) => ({
    id: row.id,
    name: row.name,
    role: row.role,
    skills: row.skills,
    capacity: row.capacity,
    outOfOffice: row.out_of_office,
    lastAssignedAt: time(row.last_assigned_at),
    openCases: Number(row.open_cases),
    openEscalations: Number(row.open_escalations),
    lastEscalationAt: time(row.last_escalation_at),
  }));
}
