// Search (docs/search.md): trigram indexes (pg_trgm) for partial names, addresses and identifiers, and a
// full-text index of message text. 'simple' text search: no stemming, so every language is read the same.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);
  await sql`create index customers_name_trgm on customers using gin (name gin_trgm_ops)`.execute(db);
  await sql`create index identities_value_trgm on identities using gin (value gin_trgm_ops)`.execute(db);
  await sql`create index orders_number_trgm on orders using gin (number gin_trgm_ops)`.execute(db);
  await sql`create index orders_tracking_trgm on orders using gin (tracking_number gin_trgm_ops)`.execute(db);
  await sql`create index cases_subject_trgm on cases using gin (subject gin_trgm_ops)`.execute(db);
  // The first 20,000 characters of a message are searched: the same bound the query repeats to use the index.
  await sql`create index messages_body_fts on messages using gin (to_tsvector('simple'::regconfig, left(body, 20000)))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const index of ['messages_body_fts', 'cases_subject_trgm', 'orders_tracking_trgm', 'orders_number_trgm', 'identities_value_trgm', 'customers_name_trgm']) {
    await sql`drop index if exists ${sql.id(index)}`.execute(db);
  }
}
