// The commitment engine's columns: a unique open key (replaying an event opens nothing twice), the fields
// the engine keeps on a commitment, the due time a timer was set for, and the claim order index.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('commitments')
    .addColumn('open_key', 'text')
    .addColumn('calendar_name', 'text')
    .addColumn('reason_code', 'text')
    .addColumn('kept_late', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('at_risk_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('commitments_open_key').on('commitments').column('open_key').unique().execute();
  await db.schema.createIndex('commitments_order').on('commitments').columns(['order_number', 'state']).execute();

  await db.schema.alterTable('timers').addColumn('due_at', 'timestamptz').execute();
  // Timers are read in (fire_at, id) order; the foundation's index covered fire_at only.
  await db.schema.dropIndex('timers_due').execute();
  await sql`create index timers_due on timers (fire_at, id) where fired_at is null`.execute(db);
  await db.schema.createIndex('timers_commitment').on('timers').column('commitment_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('timers_commitment').execute();
  await db.schema.dropIndex('timers_due').execute();
  await sql`create index timers_due on timers (fire_at) where fired_at is null`.execute(db);
  await db.schema.alterTable('timers').dropColumn('due_at').execute();
  await db.schema.dropIndex('commitments_order').execute();
  await db.schema.dropIndex('commitments_open_key').execute();
  await db.schema
    .alterTable('commitments')
    .dropColumn('open_key')
    .dropColumn('calendar_name')
    .dropColumn('reason_code')
    .dropColumn('kept_late')
    .dropColumn('at_risk_at')
    .execute();
}
