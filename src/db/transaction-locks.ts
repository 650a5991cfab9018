// Transaction-scoped advisory locks on named keys: what serialises work on something that may not have a row
// yet (a new customer's identity, the commitments a case will owe). They end with the transaction.
import { sql } from 'kysely';
import type { Queryable } from './create-db.js';

/**
 * Locks every key until the transaction ends, in sorted order and in one round trip (a function scan over
 * unnest yields the rows, and so takes the locks, in the array's order), so two transactions locking
 * overlapping sets cannot deadlock over them. Keys of different kinds must not collide: prefix them.
 */
export async function lockKeysUntilCommit(q: Queryable, keys: Iterable<string>): Promise<void> {
  const sorted = [...new Set(keys)].sort();
  if (sorted.length === 0) return;
  await sql`select pg_advisory_xact_lock(hashtextextended(key, 0)) from unnest(${sorted}::text[]) as key`.execute(q);
}
