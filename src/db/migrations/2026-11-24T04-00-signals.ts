// Signals: what was read from each customer message (so a case's risk is recomputed without reading every
// message again), and notes on a case that are not messages to the customer (hand-overs, escalations).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('message_signals')
    .addColumn('message_id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('sentiment', 'real', (c) => c.notNull())
    .addColumn('manager_request', 'text')
    .addColumn('churn_intent', 'text')
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('message_signals_case').on('message_signals').columns(['case_id', 'at']).execute();

  await db.schema
    .createTable('case_notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_notes_case').on('case_notes').columns(['case_id', 'at']).execute();
  await sql`create index cases_unassigned on cases (created_at) where owner_id is null and state <> 'resolved'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists cases_unassigned`.execute(db);
  await db.schema.dropTable('case_notes').ifExists().execute();
  await db.schema.dropTable('message_signals').ifExists().execute();
}
