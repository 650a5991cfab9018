// Email intake: raw messages are de-duplicated by a content hash (an SMTP retry or an IMAP resync offers the
// same bytes again), and each polled IMAP mailbox keeps its cursor (UIDVALIDITY and the last UID stored).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('inbound_mail').addColumn('dedup_key', 'text').execute();
  await db.schema.createIndex('inbound_mail_dedup_key').on('inbound_mail').column('dedup_key').unique().execute();
  await db.schema
    .createTable('imap_cursors')
    .addColumn('mailbox', 'text', (c) => c.primaryKey())
    .addColumn('uid_validity', 'text', (c) => c.notNull())
    .addColumn('last_uid', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('imap_cursors').ifExists().execute();
  await db.schema.dropIndex('inbound_mail_dedup_key').ifExists().execute();
  await db.schema.alterTable('inbound_mail').dropColumn('dedup_key').execute();
}
