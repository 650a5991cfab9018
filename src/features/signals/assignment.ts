// Crack C8: one case, one owner. Who gets a case: the owner it already has, else the agent who knew the
// customer, else the next in turn among those with room and the skills (escalations: commitments/choose-manager.ts).

export type AgentRole = 'agent' | 'manager' | 'admin';

export interface AssignableAgent<Id extends string = string> {
  readonly id: Id;
  readonly role: AgentRole;
  readonly skills: readonly string[];
  /** Most open cases this agent should own at once. */
  readonly capacity: number;
  readonly openCases: number;
  readonly outOfOffice: boolean;
  /** When this agent was last given a case; null if never. */
  readonly lastAssignedAt: Date | null;
}

function hasSkills(agent: AssignableAgent, required: readonly string[]): boolean {
  return required.every((skill) => agent.skills.includes(skill));
}

function hasRoom(agent: AssignableAgent): boolean {
  return agent.openCases < agent.capacity;
}

/** Round robin: the one who waited longest since their last case; never-assigned first, then by id. */
function byTurn(a: AssignableAgent, b: AssignableAgent): number {
  const at = a.lastAssignedAt?.getTime() ?? -Infinity;
  const bt = b.lastAssignedAt?.getTime() ?? -Infinity;
  if (at !== bt) return at < bt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The agent who should own a case, or null when nobody can take it now (it stays in the unassigned queue).
 * 1. The case's current owner, if they are in the office: a case keeps its owner even when they are full.
 * 2. The agent who owned the customer's previous case, if in the office, with room and the skills.
 * 3. Round robin among agents (not admins) in the office with room and the skills.
 */
export function chooseAssignee<Id extends string>(options: {
  agents: readonly AssignableAgent<Id>[];
  requiredSkills?: readonly string[];
  previousOwnerId?: Id | null;
  customerPreviousOwnerId?: Id | null;
}): Id | null {
  const { agents, requiredSkills = [], previousOwnerId, customerPreviousOwnerId } = options;
  const inOffice = agents.filter((agent) => !agent.outOfOffice && agent.role !== 'admin');
  const owner = inOffice.find((agent) => agent.id === previousOwnerId);
  if (owner) return owner.id;
  const eligible = inOffice.filter((agent) => hasRoom(agent) && hasSkills(agent, requiredSkills));
  const known = eligible.find((agent) => agent.id === customerPreviousOwnerId);
  if (known) return known.id;
  const next = [...eligible].sort(byTurn)[0];
  return next?.id ?? null;
}
