// Writes open commitments with their breach timers straight into the store (one INSERT … SELECT over
// generate_series per table), for the timer tests and the timer benchmark.
import { sql } from 'kysely';
import type { Db } from '../../src/db/create-db.js';

export interface SeedOptions {
  /** How many commitments; ids are `<prefix>c<n>` and timers `<prefix>t<n>`, n from 1. */
  count: number;
  prefix: string;
  /** Due time of the first; the others follow `spacingMs` apart. */
  firstDueAt: Date;
  spacingMs: number;
  /** A shipped policy, so a breach runs its actions. */
  policyId?: string;
  kind?: string;
}

export async function seedDueCommitments(db: Db, options: SeedOptions): Promise<void> {
  const { count, prefix, firstDueAt, spacingMs } = options;
  const policyId = options.policyId ?? 'acknowledge-contact';
  const kind = options.kind ?? 'acknowledge';
  const due = sql`${firstDueAt.toISOString()}::timestamptz + ((i - 1)::float8 * ${spacingMs}) * interval '1 millisecond'`;
  await sql`
    insert into commitments (id, kind, state, due_at, owner_role, policy_id, opened_by, opened_at, open_key, details)
    select ${prefix} || 'c' || i, ${kind}, 'open', ${due}, 'agent', ${policyId}, ${prefix} || 'seed-' || i,
           ${firstDueAt.toISOString()}::timestamptz - interval '5 minutes', ${prefix} || 'seed:' || i, '{}'::jsonb
    from generate_series(1, ${count}::int) as i`.execute(db);
  await sql`
    insert into timers (id, commitment_id, kind, fire_at, due_at)
    select ${prefix} || 't' || i, ${prefix} || 'c' || i, 'breach', ${due}, ${due}
    from generate_series(1, ${count}::int) as i`.execute(db);
}
