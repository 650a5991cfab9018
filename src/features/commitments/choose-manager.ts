// Picks the manager who owns a new escalation. Fair means: the fewest escalations open, then the one
// who was given one longest ago, so a quiet manager is not handed everything and no one is skipped.
import type { AgentId } from '../../shared/values.js';

export interface ManagerLoad {
  id: AgentId;
  openEscalations: number;
  lastAssignedAt: Date | null;
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
