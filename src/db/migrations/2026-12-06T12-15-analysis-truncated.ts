// A message longer than analysis reads is stored whole, and its signals say they come from its start.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('message_signals').addColumn('analysis_truncated', 'boolean', (col) => col.notNull().defaultTo(false)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('message_signals').dropColumn('analysis_truncated').execute();
}
