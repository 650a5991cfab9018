// Reads that run hundreds of times a second (a case with its parts) cost PostgreSQL more to plan than to
// run. `prepared(query)` marks a compiled query; on PostgreSQL each pooled connection then prepares it
// once, as a named statement, and only binds and executes it afterwards. PGlite runs it as any statement.
//
// Only for statements whose result columns cannot change with the schema (JSON values, named columns): a
// prepared `select *` would fail on every connection once another process adds a column to the table.
import { createHash } from 'node:crypto';
import type { Compilable, CompiledQuery } from 'kysely';
import type pg from 'pg';

const marker = '/* kept:prepared */ ';

export function prepared<Row>(query: Compilable<Row>): CompiledQuery<Row> {
  const compiled = query.compile();
  return { ...compiled, sql: `${marker}${compiled.sql}` };
}

const names = new Map<string, string>();

function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    // The name follows from the text, so each process and connection names a statement alike.
    name = `kept_${createHash('sha256').update(text).digest('hex').slice(0, 40)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * For the pool's `onConnect`: the client sends marked statements as named prepared statements (pg prepares
 * each name once per connection and reuses it), every other query as before.
 */
export function sendPreparedStatementsByName(client: pg.ClientBase): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  const preparing = (...args: unknown[]) => {
    const [text, values] = args;
    if (typeof text === 'string' && text.startsWith(marker)) return query({ name: statementName(text), text, values });
    return query(...args);
  };
  client.query = preparing as typeof client.query;
}
