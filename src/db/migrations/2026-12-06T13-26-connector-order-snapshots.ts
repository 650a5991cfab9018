// Shop platforms send whole order snapshots (Shopify's orders/*, WooCommerce's order.*), out of order: Kept
// remembers the newest snapshot time of each platform order, so an older snapshot arriving late changes no fact.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('connector_orders').addColumn('snapshot_at', 'timestamptz').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('connector_orders').dropColumn('snapshot_at').execute();
}
