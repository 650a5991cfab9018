// Search reads every kind from an index that stops early or is short (docs/search.md):
// - the newest messages first, by time, so a common word is found among them without reading its whole
//   full-text posting list;
// - order numbers from their start and from their end (their last digits) in btrees, not from trigram lists
//   every order number shares ("SB-", "100");
// - GIN indexes without a long pending list. A GIN index gathers new entries in an unsorted list (4 MB by
//   default) that every search reads whole until VACUUM merges it, and PGlite has no autovacuum: a search of
//   100,000 orders read 3.5 MB of it for each query. Names, addresses, orders and cases change seldom, so
//   their trigram indexes take each entry at once; messages keep the list, at 64 kB.
import { sql, type Kysely } from 'kysely';

const trigramIndexes = ['customers_name_trgm', 'identities_value_trgm', 'orders_number_trgm', 'orders_tracking_trgm', 'cases_subject_trgm'];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index messages_at on messages (at)`.execute(db);
  // A query of two characters ("an") has no trigram to look up: names are then read from their start.
  await sql`create index customers_name_prefix on customers (lower(name) text_pattern_ops)`.execute(db);
  await sql`create index orders_number_prefix on orders (upper(number) text_pattern_ops)`.execute(db);
  await sql`create index orders_number_suffix on orders (reverse(upper(number)) text_pattern_ops)`.execute(db);
  for (const index of trigramIndexes) {
    await sql`alter index ${sql.id(index)} set (fastupdate = off)`.execute(db);
    await sql`select gin_clean_pending_list(${index}::regclass)`.execute(db);
  }
  await sql`alter index messages_search set (gin_pending_list_limit = 64)`.execute(db);
  await sql`select gin_clean_pending_list('messages_search'::regclass)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter index messages_search reset (gin_pending_list_limit)`.execute(db);
  for (const index of trigramIndexes) await sql`alter index ${sql.id(index)} reset (fastupdate)`.execute(db);
  for (const index of ['orders_number_suffix', 'orders_number_prefix', 'customers_name_prefix', 'messages_at']) {
    await sql`drop index if exists ${sql.id(index)}`.execute(db);
  }
}
