// Picks the manager who owns a new escalation. Fair means: the fewest escalations open, then the one
// who was given one longest ago, so a quiet manager is not handed everything and no one is skipped.
import type { AgentId } from '../../shared/values.js';
import type { AgentLoad } from '../agents/index.js';

export interface ManagerLoad {
  id: AgentId;
  openEscalations: number;
  lastAssignedAt: Date | null;
}

/** The managers in the office, as chooseManager weighs them, from the agents' loads. */
export function managerLoadsOf(loads: readonly AgentLoad[]): ManagerLoad[] {
  return loads.filter((load) => load.role === 'manager' && !load.outOfOffice).map((load) => ({ id: load.id as AgentId, openEscalations: load.openEscalations, lastAssignedAt: load.lastEscalationAt }));
}

/** The agent of the team with the lightest load (fewest unresolved cases) other than `exclude`: a reassignment's new owner. */
export function leastLoadedAgent(loads: readonly AgentLoad[], options: { exclude: string | null }): AgentId | null {
  const candidates = loads.filter((load) => load.role === 'agent' && !load.outOfOffice && load.id !== options.exclude);
  candidates.sort((a, b) => a.openCases - b.openCases || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return (candidates[0]?.id as AgentId | undefined) ?? null;
}

/** The manager to own the next escalation, or null when there is none (besides those excluded). */
export function chooseManager(options: { managers: readonly ManagerLoad[]; exclude?: readonly AgentId[] }): AgentId | null {
  const excluded = new Set(options.exclude ?? []);
  const candidates = options.managers.filter((m) => !excluded.has(m.id));
  candidates.sort(
    (a, b) =>
      a.openEscalations - b.openEscalations ||
      (a.lastAssignedAt?.getTime() ?? Number.NEGATIVE_INFINITY) - (b.lastAssignedAt?.getTime() ?? Number.NEGATIVE_INFINITY) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  return candidates[0]?.id ?? null;
}
