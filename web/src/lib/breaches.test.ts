import { describe, expect, it } from 'vitest';
import type { CaseSummary, Commitment } from '../api/types';
import { describeKinds, groupBreaches } from './breaches';

function breach(id: string, kind: string, dueAt: string, caseId: string | null): Commitment {
  return { id, kind, state: 'breached', due_at: dueAt, owner_id: null, case_id: caseId, opened_by: 'policy:notify', fulfilled_by: null };
}

const jo = { id: 'cas_jo', subject: 'Order D-1010', customer_name: 'Jo' } as CaseSummary;

describe('breaches for the manager', () => {
  it('groups a case’s breaches, names what broke most first, and lists the latest breach first', () => {
    const rows = groupBreaches({
      breached: [
        breach('c1', 'first_response', '2026-12-01T13:00:00Z', 'cas_jo'),
        breach('c2', 'escalation', '2026-12-02T13:00:00Z', 'cas_jo'),
        breach('c3', 'notify', '2026-12-05T09:00:00Z', null),
        breach('c4', 'escalation', '2026-12-03T13:00:00Z', 'cas_jo'),
        breach('c5', 'resolution', '2026-12-04T09:00:00Z', 'cas_ivy'),
      ],
      cases: [jo],
    });
    expect(rows.map((r) => [r.caseId, r.count, r.latestDueAt])).toEqual([
      [null, 1, '2026-12-05T09:00:00Z'],
      ['cas_ivy', 1, '2026-12-04T09:00:00Z'],
      ['cas_jo', 3, '2026-12-03T13:00:00Z'],
    ]);
    expect(rows[2]?.summary).toBe(jo);
    expect(rows[1]?.summary).toBeUndefined();
    expect(describeKinds(rows[2]?.kinds ?? [])).toBe('escalation ×2, first_response');
  });
});
