// One escalation owed per case, however many of its commitments breach at once. Two timers of one case fired
// at the same moment (two processes, or one scheduler's parallel workers on PostgreSQL's pool) must not each
// see "no escalation owed" and open one apiece: the second waits for the first and sees its escalation.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommitmentId } from '../../src/shared/values.js';
import { storeKinds } from '../helpers/stores.js';
import { createTestKept, type TestKept } from '../helpers/test-app.js';
import { contact, ingest } from './commitment-helpers.js';

const cases = 8;

describe.each(storeKinds)('escalations when breaches race on %s', (storeKind) => {
  let kept: TestKept;
  beforeAll(async () => {
    kept = await createTestKept({ store: storeKind, clockStart: new Date('2026-12-07T12:00:00Z') });
  });
  afterAll(async () => kept?.close());

  it('opens one escalation for a case whose two commitments breach at the same moment', async () => {
    for (let n = 0; n < cases; n += 1) await ingest(kept, contact({ id: `race-${n}`, email: `race${n}@example.com`, at: '2026-12-07T11:00:00Z' }));
    const caseRows = await kept.store.db.selectFrom('cases').select(['id', 'customer_id']).orderBy('id').execute();
    expect(caseRows).toHaveLength(cases);
    // Two promises per case, both due an hour ago and escalating on breach; no stored timer, so only the
    // fires below run them.
    const due = new Date('2026-12-07T11:00:00Z');
    for (const [index, row] of caseRows.entries()) {
      for (const side of ['a', 'b']) {
        await sql`
          insert into commitments (id, kind, state, due_at, owner_role, policy_id, opened_by, opened_at, open_key, details, case_id, customer_id)
          values (${`race${index}${side}`}, 'acknowledge', 'open', ${due.toISOString()}, 'agent', 'acknowledge-contact', ${`race-seed-${index}${side}`},
                  ${due.toISOString()}::timestamptz - interval '5 minutes', ${`race-seed:${index}${side}`}, '{}'::jsonb, ${row.id}, ${row.customer_id})`.execute(kept.store.db);
      }
    }
    const engine = kept.services.engine.service;
    const fire = (id: string) => engine.fireTimer({ id: `${id}-breach`, commitmentId: id as CommitmentId, kind: 'breach', fireAt: due, dueAt: due });
    await Promise.all(caseRows.flatMap((_, index) => [fire(`race${index}a`), fire(`race${index}b`)]));

    const seeded = await kept.store.db.selectFrom('commitments').select(['state']).where('id', 'like', 'race%').execute();
    expect(seeded.map((row) => row.state)).toEqual(Array.from({ length: 2 * cases }, () => 'breached'));
    const escalations = await sql<{ case_id: string; n: number }>`
      select case_id, count(*)::int as n from commitments where kind = 'escalation' and opened_by like 'race%' group by case_id order by case_id`.execute(kept.store.db);
    expect(escalations.rows.map((row) => row.n)).toEqual(Array.from({ length: cases }, () => 1));
  });
});
