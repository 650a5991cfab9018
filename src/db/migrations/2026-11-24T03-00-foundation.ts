// Foundation tables: events, customers and identities, orders, cases and messages, outbox, commitments and
// timers, agents and tokens, inbound mail. Frozen history: never edit, add a new migration instead.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('agents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('agent', 'manager', 'admin')`))
    .addColumn('password_hash', 'text')
    .addColumn('skills', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('capacity', 'integer', (c) => c.notNull().defaultTo(25))
    .addColumn('out_of_office', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('last_assigned_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('admin_bootstrap', 'api', 'session', 'password_setup')`))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('agent_id', 'text', (c) => c.references('agents.id'))
    .addColumn('label', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('customers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text')
    .addColumn('merged_into', 'text', (c) => c.references('customers.id'))
    .addColumn('time_zone', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('identities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('email', 'phone', 'handle', 'external_id')`))
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('identities_kind_value', ['kind', 'value'])
    .execute();
  await db.schema.createIndex('identities_customer').on('identities').column('customer_id').execute();

  await db.schema
    .createTable('customer_merges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('survivor_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('merged_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('cause', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text')
    .addColumn('merged_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('events')
    .addColumn('seq', 'bigserial', (c) => c.primaryKey())
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .addColumn('customer_id', 'text')
    .addColumn('order_number', 'text')
    .addColumn('body', 'jsonb', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('events_customer').on('events').columns(['customer_id', 'occurred_at']).execute();
  await db.schema.createIndex('events_order').on('events').columns(['order_number']).execute();

  await db.schema
    .createTable('orders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('customer_id', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('reason_code', 'text')
    .addColumn('items', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('total_minor', 'bigint')
    .addColumn('currency', 'text')
    .addColumn('payment_method', 'text')
    .addColumn('card_last4', 'text')
    .addColumn('ship_to', 'jsonb')
    .addColumn('is_gift', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('recipient_email', 'text')
    .addColumn('gift_contact_consent', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('promised_by', 'timestamptz')
    .addColumn('carrier', 'text')
    .addColumn('tracking_number', 'text')
    .addColumn('facts', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('status_token', 'text', (c) => c.notNull().unique())
    .addColumn('placed_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('orders_customer').on('orders').column('customer_id').execute();

  await db.schema
    .createTable('order_states')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('reason_code', 'text')
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('order_states_order').on('order_states').columns(['order_id', 'at']).execute();

  await db.schema
    .createTable('cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'serial', (c) => c.notNull().unique())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('open', 'pending', 'resolved')`))
    .addColumn('owner_id', 'text', (c) => c.references('agents.id'))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('channels', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('order_number', 'text')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('inquiry'))
    .addColumn('queue', 'text')
    .addColumn('escalated', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('flagged', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('risk_score', 'real', (c) => c.notNull().defaultTo(0))
    .addColumn('risk_signals', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('status_token', 'text', (c) => c.notNull().unique())
    .addColumn('last_channel', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('resolved_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('cases_customer').on('cases').columns(['customer_id', 'state']).execute();
  await db.schema.createIndex('cases_owner').on('cases').columns(['owner_id', 'state']).execute();
  await db.schema.createIndex('cases_updated').on('cases').columns(['updated_at', 'id']).execute();

  await db.schema
    .createTable('messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.references('cases.id'))
    .addColumn('customer_id', 'text')
    .addColumn('direction', 'text', (c) => c.notNull().check(sql`direction in ('in', 'out')`))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('author_kind', 'text', (c) => c.notNull().check(sql`author_kind in ('customer', 'agent', 'automatic', 'external')`))
    .addColumn('author_id', 'text')
    .addColumn('subject', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('html', 'text')
    .addColumn('thread_ref', 'text')
    .addColumn('external_id', 'text')
    .addColumn('event_id', 'text')
    .addColumn('order_numbers', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('noise', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('messages_case').on('messages').columns(['case_id', 'at']).execute();
  await db.schema.createIndex('messages_customer').on('messages').columns(['customer_id', 'at']).execute();
  await db.schema.createIndex('messages_thread_ref').on('messages').column('thread_ref').execute();
  await db.schema.createIndex('messages_external_id').on('messages').column('external_id').execute();

  await db.schema
    .createTable('outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('case_id', 'text')
    .addColumn('customer_id', 'text')
    .addColumn('message_id', 'text')
    .addColumn('order_number', 'text')
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('to', 'text', (c) => c.notNull())
    .addColumn('subject', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('html', 'text')
    .addColumn('reason_code', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('queued', 'sent', 'held', 'failed', 'cancelled')`))
    .addColumn('audit', 'jsonb', (c) => c.notNull().defaultTo(sql`'{"ok": true, "findings": []}'::jsonb`))
    .addColumn('override', 'jsonb')
    .addColumn('author_id', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz')
    .addColumn('last_error', 'text')
    .addColumn('transport', 'text')
    .addColumn('external_id', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('sent_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('outbox_case').on('outbox').columns(['case_id', 'created_at']).execute();
  await db.schema.createIndex('outbox_customer').on('outbox').columns(['customer_id', 'created_at']).execute();
  await db.schema.createIndex('outbox_queued').on('outbox').columns(['status', 'next_attempt_at']).execute();

  await db.schema
    .createTable('commitments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('open', 'kept', 'breached', 'waived')`))
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('owner_id', 'text')
    .addColumn('owner_role', 'text')
    .addColumn('case_id', 'text')
    .addColumn('customer_id', 'text')
    .addColumn('order_number', 'text')
    .addColumn('policy_id', 'text')
    .addColumn('opened_by', 'text', (c) => c.notNull())
    .addColumn('fulfilled_by', 'text')
    .addColumn('at_risk', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('paused_at', 'timestamptz')
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull())
    .addColumn('closed_at', 'timestamptz')
    .addColumn('breached_at', 'timestamptz')
    .addColumn('waived_by', 'text')
    .addColumn('waived_reason', 'text')
    .execute();
  await db.schema.createIndex('commitments_case').on('commitments').columns(['case_id', 'state']).execute();
  await db.schema.createIndex('commitments_customer').on('commitments').columns(['customer_id', 'state']).execute();
  await db.schema.createIndex('commitments_state_due').on('commitments').columns(['state', 'due_at']).execute();

  await db.schema
    .createTable('timers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('commitment_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('fire_at', 'timestamptz', (c) => c.notNull())
    .addColumn('fired_at', 'timestamptz')
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_until', 'timestamptz')
    .execute();
  await sql`create index timers_due on timers (fire_at) where fired_at is null`.execute(db);

  await db.schema
    .createTable('actions')
    .addColumn('idempotency_key', 'text', (c) => c.primaryKey())
    .addColumn('commitment_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('result', 'jsonb')
    .addColumn('done_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('inbound_mail')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('raw', 'bytea', (c) => c.notNull())
    .addColumn('envelope', 'jsonb', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('pending', 'processed', 'quarantined')`))
    .addColumn('error', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .addColumn('processed_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('inbound_mail_state').on('inbound_mail').columns(['state', 'received_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['inbound_mail', 'actions', 'timers', 'commitments', 'outbox', 'messages', 'cases', 'order_states', 'orders', 'events', 'customer_merges', 'identities', 'customers', 'api_tokens', 'agents']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
