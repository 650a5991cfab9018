// Rows read as JSON — a table's rows aggregated with json_agg, so that a read gathers several tables in one
// statement (a customer with their identities) — carry their timestamps as ISO text. reviveTimestamps gives
// them back as Date, as both drivers do for plain rows, so the repos' row→record functions apply unchanged.
import type { ShallowDehydrateObject } from 'kysely';

/** A row as json_agg gives it: Date columns as text (Kysely's own typing of json_agg). */
export type JsonRow<Row> = ShallowDehydrateObject<Row>;

type TimestampColumns<Row> = { [K in keyof Row]-?: Date extends Row[K] ? K : never }[keyof Row];

/**
 * The row with its timestamp columns as Date. `columns` must name every Date column of the row type (the
 * compiler holds it to that), so a timestamp column added to a table cannot be left behind as text.
 */
export function reviveTimestamps<Row>(row: JsonRow<Row>, columns: Record<TimestampColumns<Row>, true>): Row {
  const revived: Record<string, unknown> = { ...row };
  for (const column of Object.keys(columns)) {
    const value = revived[column];
    if (typeof value === 'string') revived[column] = new Date(value);
  }
  // The values are the row's own: only the timestamps changed type, back to what the driver gives.
  return revived as Row;
}
