// Which pages each role may open: the console offers only what the server would not refuse (403).
import type { Role } from '../api/types';

/** Pages that need more than the agent role. */
export type Area = 'manager' | 'dashboard' | 'agents';

const RANK: Record<Role, number> = { agent: 0, manager: 1, admin: 2 };
const NEEDS: Record<Area, Role> = { manager: 'manager', dashboard: 'manager', agents: 'admin' };
const ARTICLE: Record<Role, string> = { agent: 'an agent', manager: 'a manager', admin: 'an admin' };
const NAMES: Record<Area, string> = { manager: 'The manager’s view', dashboard: 'The dashboard', agents: 'The agents page' };

export function canOpen(role: Role, area: Area): boolean {
  return RANK[role] >= RANK[NEEDS[area]];
}

/** What an agent reads when a page their role cannot open is reached by its address. */
export function deniedMessage(role: Role, area: Area): string {
  const who = NEEDS[area] === 'admin' ? 'admins' : 'managers and admins';
  return `${NAMES[area]} is for ${who}. You are signed in as ${ARTICLE[role]}.`;
}
