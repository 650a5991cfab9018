// Surveys and claims: invitations and responses, closed loops, claims and their documents and uploads.
// Frozen history: never edit, add a new migration instead.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('survey_invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text')
    .addColumn('order_number', 'text')
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('nps', 'csat')`))
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('outbox_id', 'text')
    .addColumn('sent_at', 'timestamptz', (c) => c.notNull())
    .addColumn('responded_at', 'timestamptz')
    .addColumn('response', 'jsonb')
    .execute();
  await db.schema.createIndex('survey_invitations_customer').on('survey_invitations').columns(['customer_id', 'sent_at']).execute();

  await db.schema
    .createTable('survey_responses')
    .addColumn('event_id', 'text', (c) => c.primaryKey())
    .addColumn('customer_id', 'text')
    .addColumn('invitation_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('contact_requested', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('case_id', 'text')
    .addColumn('responded_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('survey_responses_time').on('survey_responses').column('responded_at').execute();

  await db.schema
    .createTable('survey_loops')
    .addColumn('case_id', 'text', (c) => c.primaryKey())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull())
    .addColumn('closed_at', 'timestamptz')
    .addColumn('closed_by_message_id', 'text')
    .addColumn('outcome', 'text', (c) => c.check(sql`outcome in ('recovered', 'not_recovered')`))
    .addColumn('outcome_note', 'text')
    .addColumn('outcome_by', 'text')
    .addColumn('outcome_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('claims')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('order_number', 'text')
    .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('non_delivery', 'damage')`))
    .addColumn('opened_by', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('open', 'resolved')`))
    .addColumn('resolution', 'jsonb')
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull())
    .addColumn('resolved_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('claims_case').on('claims').column('case_id').execute();

  await db.schema
    .createTable('claim_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('claim_id', 'text', (c) => c.notNull().references('claims.id'))
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('declaration', 'photos')`))
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('requested', 'received', 'accepted', 'rejected')`))
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('commitment_id', 'text')
    .addColumn('reminders', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('submission', 'jsonb')
    .addColumn('decision_note', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz')
    .addColumn('decided_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('claim_documents_case').on('claim_documents').column('case_id').execute();
  await db.schema.createIndex('claim_documents_commitment').on('claim_documents').column('commitment_id').execute();

  await db.schema
    .createTable('claim_files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull().references('claim_documents.id'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('data', 'bytea', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['claim_files', 'claim_documents', 'claims', 'survey_loops', 'survey_responses', 'survey_invitations']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
