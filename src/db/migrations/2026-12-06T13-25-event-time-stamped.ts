// An event sent without occurred_at takes the time Kept received it; the stored event says so, so an audit
// can tell a time the source stated from one Kept stamped.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('events').addColumn('occurred_at_stamped', 'boolean', (column) => column.notNull().defaultTo(false)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('events').dropColumn('occurred_at_stamped').execute();
}
