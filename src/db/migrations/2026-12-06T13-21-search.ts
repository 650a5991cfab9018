// Search (docs/search.md): trigram indexes (pg_trgm) for partial names, addresses and identifiers, and a
// full-text index of message text. 'simple' text search: no stemming, so every language is read the same.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);
  await sql`create index customers_name_trgm on customers using gin (name gin_trgm_ops)`.execute(db);
  await sql`create index identities_value_trgm on identities using gin (value gin_trgm_ops)`.execute(db);
  // An address is mostly typed from its start: a prefix is read from a btree, never the trigram lists every
  // address shares ("exa", "com").
  await sql`create index identities_value_prefix on identities (lower(value) text_pattern_ops)`.execute(db);
  await sql`create index orders_number_trgm on orders using gin (number gin_trgm_ops)`.execute(db);
  await sql`create index orders_tracking_trgm on orders using gin (tracking_number gin_trgm_ops)`.execute(db);
  await sql`create index cases_subject_trgm on cases using gin (subject gin_trgm_ops)`.execute(db);
  // The words of a message's first 20,000 characters, kept with it: ranking reads them instead of parsing the
  // text again for every candidate.
  await sql`alter table messages add column search_vector tsvector generated always as (to_tsvector('simple'::regconfig, left(body, 20000))) stored`.execute(db);
  await sql`create index messages_search on messages using gin (search_vector)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table messages drop column if exists search_vector`.execute(db);
  for (const index of [ 'cases_subject_trgm', 'orders_tracking_trgm', 'orders_number_trgm', 'identities_value_prefix', 'identities_value_trgm', 'customers_name_trgm']) {
    await sql`drop index if exists ${sql.id(index)}`.execute(db);
  }
}
