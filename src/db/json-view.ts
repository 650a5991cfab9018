// Views built as JSON text by the database, so that a hot read (GET /cases/{id}) is sent as PostgreSQL
// wrote it, without JSON.parse and JSON.stringify in Node. row_to_json and array_to_json write no spaces
// and escape text as JSON.stringify does; timestamps are formatted as Date#toISOString writes them. jsonb
// values come out as jsonb prints them (with ", " and ": "): canonicalJson (src/shared/canonical-json.ts)
// turns the text into exactly what JSON.stringify(JSON.parse(text)) gives.
import { sql, type Expression, type RawBuilder } from 'kysely';

/** A field of a view and the SQL giving its value; the view's keys follow the order of its columns. */
export type ViewColumn = readonly [field: string, value: Expression<unknown>];

/** A timestamp as Date#toISOString writes it (UTC, milliseconds, `Z`); null stays null. */
export function isoTimestamp(ref: string): RawBuilder<string | null> {
  return sql`to_char(${sql.ref(ref)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/** The view's columns from the row `alias`: a name is the column of that name, as it is; a pair gives its own SQL. */
export function columnsOf(alias: string, fields: readonly (string | ViewColumn)[]): ViewColumn[] {
  return fields.map((field) => (typeof field === 'string' ? [field, sql.ref(`${alias}.${field}`)] : field));
}

/** The timestamp column `name` of the row `alias`, under its own name, as isoTimestamp writes it. */
export function timestampOf(alias: string, name: string): ViewColumn {
  return [name, isoTimestamp(`${alias}.${name}`)];
}

function selections(columns: readonly ViewColumn[]): RawBuilder<unknown> {
  return sql.join(columns.map(([field, value]) => sql`${value} as ${sql.id(field)}`));
}

/** One JSON object of `columns`, for values of the row in scope (a nested object of a view). */
export function jsonObjectOf(columns: readonly ViewColumn[]): RawBuilder<unknown> {
  return sql`(select row_to_json(v) from (select ${selections(columns)}) as v)`;
}

/**
 * A JSON array of one object of `columns` per row of `rows` (a subquery, in scope as `alias`), in the order
 * of `orderBy` (columns of `alias`); `[]` when there are none. The order is the aggregate's own, not the
 * subquery's: each row's object is made beside its row (a lateral join) so that it can sort by the row.
 */
export function jsonArrayOf(options: { rows: Expression<unknown>; alias: string; columns: readonly ViewColumn[]; orderBy: readonly string[] }): RawBuilder<unknown> {
  const order = sql.join(options.orderBy.map((name) => sql.ref(`${options.alias}.${name}`)));
  return sql`(select coalesce(array_to_json(array_agg(x.j order by ${order})), '[]') from ${options.rows} as ${sql.id(options.alias)} cross join lateral (select row_to_json(v) as j from (select ${selections(options.columns)}) as v) as x)`;
}
