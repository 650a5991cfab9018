// Shop webhooks (docs/connectors.md): every signed delivery is stored raw before it is answered, kept with its
// outcome (the events it became, or why it could not be mapped) so it can be replayed after a mapping is fixed.
// connector_orders remembers each platform order id's Kept order number, for payloads that name only the id.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('connector_deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('connector', 'text', (c) => c.notNull())
    .addColumn('delivery_id', 'text', (c) => c.notNull())
    .addColumn('topic', 'text')
    .addColumn('headers', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('received', 'processing', 'ingested', 'ignored', 'failed')`))
    .addColumn('error', 'text')
    .addColumn('waiting_on', 'text')
    .addColumn('event_ids', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .addColumn('processed_at', 'timestamptz')
    .addUniqueConstraint('connector_deliveries_once', ['connector', 'delivery_id'])
    .execute();
  await db.schema.createIndex('connector_deliveries_recent').on('connector_deliveries').columns(['connector', 'received_at']).execute();
  await db.schema.createIndex('connector_deliveries_open').on('connector_deliveries').columns(['status', 'received_at']).where(sql.ref('status'), '<>', 'ingested').execute();
  await db.schema
    .createTable('connector_orders')
    .addColumn('connector', 'text', (c) => c.notNull())
    .addColumn('platform_order_id', 'text', (c) => c.notNull())
    .addColumn('order_number', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('connector_orders_pk', ['connector', 'platform_order_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('connector_orders').ifExists().execute();
  await db.schema.dropTable('connector_deliveries').ifExists().execute();
}
