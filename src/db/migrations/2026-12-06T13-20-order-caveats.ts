// Product caveats (docs/caveats.md): one row per caveat of an order item, with its disclosure and the
// information owed, and the commitments that owe them.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('order_caveats')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_number', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text')
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('item_index', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('sold_at', 'timestamptz', (c) => c.notNull())
    .addColumn('disclose_due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('disclose_commitment_id', 'text')
    .addColumn('disclosed_at', 'timestamptz')
    .addColumn('disclosed_by', 'text')
    .addColumn('kept_message_id', 'text')
    .addColumn('info_what', 'text')
    .addColumn('info_team', 'text')
    .addColumn('info_due_at', 'timestamptz')
    .addColumn('info_commitment_id', 'text')
    .addColumn('info_provided_at', 'timestamptz')
    .addColumn('info_provided_by', 'text')
    .addUniqueConstraint('order_caveats_item', ['order_number', 'item_index', 'code'])
    .execute();
  await db.schema.createIndex('order_caveats_customer').on('order_caveats').column('customer_id').execute();
  await db.schema.createIndex('order_caveats_sold').on('order_caveats').column('sold_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('order_caveats').execute();
}
