// The baseline every ingest figure is measured against: the same events written the plainest way, one
// INSERT per batch into a table with the columns, keys and indexes of Kept's events table.
import type { Db } from '../../src/db/create-db.js';
import type { EventInput } from '../../src/features/events/event.schemas.js';

type BaselineTable = {
  bench_baseline_events: {
    seq: number | undefined;
    id: string;
    type: string;
    occurred_at: string;
    received_at: Date;
    customer_id: string | null;
    order_number: string | null;
    body: string;
  };
};

export interface BaselineInsert {
  insertBatch(events: readonly EventInput[]): Promise<void>;
  countRows(): Promise<number>;
}

/** Creates the baseline table in `store` and returns its batch insert. */
export async function createBaselineInsert(store: Db): Promise<BaselineInsert> {
  const db = store.withTables<BaselineTable>();
  await db.schema
    .createTable('bench_baseline_events')
    .addColumn('seq', 'bigserial', (c) => c.primaryKey())
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .addColumn('customer_id', 'text')
    .addColumn('order_number', 'text')
    .addColumn('body', 'jsonb', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('bench_baseline_customer').on('bench_baseline_events').columns(['customer_id', 'occurred_at']).execute();
  await db.schema.createIndex('bench_baseline_order').on('bench_baseline_events').columns(['order_number']).execute();
  return {
    async insertBatch(events) {
      const receivedAt = new Date();
      await db
        .insertInto('bench_baseline_events')
        .values(
          events.map((event) => ({
            id: event.id,
            type: event.type,
            occurred_at: event.occurred_at,
            received_at: receivedAt,
            customer_id: null,
            order_number: event.order?.id ?? null,
            body: JSON.stringify(event),
          })),
        )
        .execute();
    },
    async countRows() {
      const row = await db
        .selectFrom('bench_baseline_events')
        .select((eb) => eb.fn.countAll<string>().as('count'))
        .executeTakeFirstOrThrow();
      return Number(row.count);
    },
  };
}
