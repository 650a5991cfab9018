// The manager's breaches, grouped by case: which cases broke what, most recent first.
import type { CaseSummary, Commitment } from '../api/types';

export interface BreachRow {
  /** The case, or null for a commitment owed outside any case. */
  caseId: string | null;
  /** The case as the inbox lists it, when it is among the cases read. */
  summary: CaseSummary | undefined;
  /** Kinds broken on the case, most first: "escalation ×3". */
  kinds: Array<{ kind: string; count: number }>;
  count: number;
  /** The latest deadline that passed. */
  latestDueAt: string;
}

/** Groups breached commitments by case, latest breach first; commitments without a case stand alone. */
export function groupBreaches(options: { breached: readonly Commitment[]; cases: readonly CaseSummary[] }): BreachRow[] {
  const byCase = new Map<string, { caseId: string | null; commitments: Commitment[] }>();
  for (const commitment of options.breached) {
    const key = commitment.case_id ?? `commitment:${commitment.id}`;
    const group = byCase.get(key) ?? { caseId: commitment.case_id, commitments: [] };
    group.commitments.push(commitment);
    byCase.set(key, group);
  }
  const rows = [...byCase.values()].map(({ caseId, commitments }) => {
    const counts = new Map<string, number>();
    for (const c of commitments) counts.set(c.kind, (counts.get(c.kind) ?? 0) + 1);
    const kinds = [...counts].map(([kind, count]) => ({ kind, count })).sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind));
    const latestDueAt = commitments.map((c) => c.due_at).reduce((a, b) => (Date.parse(a) >= Date.parse(b) ? a : b));
    return { caseId, summary: options.cases.find((c) => c.id === caseId), kinds, count: commitments.length, latestDueAt };
  });
  return rows.sort((a, b) => Date.parse(b.latestDueAt) - Date.parse(a.latestDueAt));
}

/** "escalation ×3, resolution". */
export function describeKinds(kinds: ReadonlyArray<{ kind: string; count: number }>): string {
  return kinds.map((k) => (k.count > 1 ? `${k.kind} ×${k.count}` : k.kind)).join(', ');
}
