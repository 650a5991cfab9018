// Promises in words, corrected and listed: a commitment an agent dismisses (a promise misread, or taken back)
// closes as `dismissed`, counted neither kept nor breached; an outbox entry keeps the promises its message
// made and the commitments that owe them.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table commitments drop constraint if exists commitments_state_check`.execute(db);
  await sql`alter table commitments add constraint commitments_state_check check (state in ('open', 'kept', 'breached', 'waived', 'dismissed'))`.execute(db);
  await db.schema.alterTable('outbox').addColumn('promises', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').dropColumn('promises').execute();
  await sql`alter table commitments drop constraint if exists commitments_state_check`.execute(db);
  await sql`alter table commitments add constraint commitments_state_check check (state in ('open', 'kept', 'breached', 'waived'))`.execute(db);
}
