// An agent's load (agents/agent-load.repo.ts) counts the escalations each agent owes and reads when they
// were last given one. Without an index on the owner, each of those read every commitment: with a million
// open ones, every breach that escalated and every assignment scanned the table once per agent, and on the
// embedded store the timers falling due queued up behind those scans. Escalations are a small part of the
// commitments, so the index holds only them.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index commitments_escalation_owner on commitments (owner_id, opened_at) where kind = 'escalation'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists commitments_escalation_owner`.execute(db);
}
