// A case's risk is read with its history, which joins each message's outbox entry by message id: without an
// index that join reads the whole outbox for every customer message, and ingest slows as the outbox grows.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('outbox_message').on('outbox').column('message_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('outbox_message').execute();
}
