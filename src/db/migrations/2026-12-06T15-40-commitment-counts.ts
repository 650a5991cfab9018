// The counts behind /metrics, kept as the commitments change instead of counted on every scrape (a GROUP BY
// over a million commitments took 1.6 s). A ledger, not one row per count: each statement that changes
// commitments appends its net change per (kind, state, at_risk), so concurrent writers in several processes
// never wait on, or deadlock over, a shared counter row; a reader sums the ledger and a compaction folds it.
// Triggers, not application code: every writer (the engine, history settling, an import, a restore) is counted.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table commitment_counts (kind text not null, state text not null, at_risk boolean not null, n bigint not null)`.execute(db);
  // No commitment may change between the first count and the triggers taking over.
  await sql`lock table commitments in share row exclusive mode`.execute(db);
  await sql`
    insert into commitment_counts (kind, state, at_risk, n)
    select kind, state, at_risk, count(*) from commitments group by kind, state, at_risk`.execute(db);
  await sql`
    create function commitment_counts_insert() returns trigger language plpgsql as $$
    begin
      insert into commitment_counts (kind, state, at_risk, n)
      select kind, state, at_risk, count(*) from inserted group by kind, state, at_risk;
      return null;
    end $$`.execute(db);
  await sql`
    create function commitment_counts_update() returns trigger language plpgsql as $$
    begin
      insert into commitment_counts (kind, state, at_risk, n)
      select kind, state, at_risk, sum(n) from (
        select kind, state, at_risk, 1 as n from after_rows
        union all
        select kind, state, at_risk, -1 as n from before_rows
      ) as change
      group by kind, state, at_risk
      having sum(n) <> 0;
      return null;
    end $$`.execute(db);
  await sql`
    create function commitment_counts_delete() returns trigger language plpgsql as $$
    begin
      insert into commitment_counts (kind, state, at_risk, n)
      select kind, state, at_risk, -count(*) from deleted group by kind, state, at_risk;
      return null;
    end $$`.execute(db);
  await sql`
    create function commitment_counts_truncate() returns trigger language plpgsql as $$
    begin
      delete from commitment_counts;
      return null;
    end $$`.execute(db);
  // Per statement, with transition tables: one ledger row per changed count, however many rows moved.
  await sql`create trigger commitment_counts_insert after insert on commitments referencing new table as inserted for each statement execute function commitment_counts_insert()`.execute(db);
  await sql`create trigger commitment_counts_update after update on commitments referencing old table as before_rows new table as after_rows for each statement execute function commitment_counts_update()`.execute(db);
  await sql`create trigger commitment_counts_delete after delete on commitments referencing old table as deleted for each statement execute function commitment_counts_delete()`.execute(db);
  await sql`create trigger commitment_counts_truncate after truncate on commitments for each statement execute function commitment_counts_truncate()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of ['insert', 'update', 'delete', 'truncate']) {
    await sql`drop trigger if exists ${sql.id(`commitment_counts_${name}`)} on commitments`.execute(db);
    await sql`drop function if exists ${sql.id(`commitment_counts_${name}`)}()`.execute(db);
  }
  await sql`drop table if exists commitment_counts`.execute(db);
}
