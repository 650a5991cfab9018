// Attachments of inbound mail: what a customer sent with a message (a receipt, a photo of the damage, a signed
// declaration), kept with the message and its case. The bytes are kept in the store (both stores), up to the
// configured cap; a larger file keeps its name and size only (`content` null), and its sender is told.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id'))
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'bigint', (c) => c.notNull())
    .addColumn('content', 'bytea')
    .addColumn('inline', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('content_id', 'text')
    .addColumn('checksum', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('attachments_case').on('attachments').columns(['case_id', 'created_at']).execute();
  await db.schema.createIndex('attachments_message').on('attachments').column('message_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('attachments').ifExists().execute();
}
