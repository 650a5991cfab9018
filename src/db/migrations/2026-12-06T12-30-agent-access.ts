// An admin can disable or delete an agent (kept as a row: messages and cases still name their author and
// owner), and every change to who may get in is written to the audit log.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('agents').addColumn('disabled_at', 'timestamptz').execute();
  await db.schema.alterTable('agents').addColumn('deleted_at', 'timestamptz').execute();
  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('actor_agent_id', 'text')
    .addColumn('actor_token_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('detail', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').columns(['at desc', 'id desc']).execute();
  await db.schema.createIndex('api_tokens_agent').on('api_tokens').column('agent_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('api_tokens_agent').execute();
  await db.schema.dropTable('audit_log').execute();
  await db.schema.alterTable('agents').dropColumn('deleted_at').execute();
  await db.schema.alterTable('agents').dropColumn('disabled_at').execute();
}
