// Reads that run hundreds of times a second (a case with its parts) cost PostgreSQL more to plan than to
// run. `prepared(query)` marks a compiled query; on PostgreSQL each pooled connection then prepares it
// once, as a named statement, and only binds and executes it afterwards. PGlite runs it as any statement.
//
// Only for statements whose result columns cannot change with the schema (JSON values, named columns): a
// prepared `select *` would fail on every connection once another process adds a column to the table.
import { createHash, randomUUID } from 'node:crypto';
import type { Compilable, CompiledQuery } from 'kysely';
import type pg from 'pg';

const marker = '/* kept:prepared */ ';

export function prepared<Row>(query: Compilable<Row>): CompiledQuery<Row> {
  const compiled = query.compile();
  return { ...compiled, sql: `${marker}${compiled.sql}` };
}

/**
 * A hot query built and compiled once, `prepared`, with a stand-in for its one varying parameter (an id);
 * each call binds a value there. Building and compiling a query with nested subqueries costs more in Kysely
 * than binding an array, and the text stays the same, so PostgreSQL keeps one plan for it.
 */
export function preparedWithParameter<Row>(build: (standIn: string) => Compilable<Row>): (value: string) => CompiledQuery<Row> {
  const standIn = `stand-in ${randomUUID()}`;
  const statement = prepared(build(standIn));
  const at = statement.parameters.indexOf(standIn);
  if (at < 0) throw new Error('A prepared query was compiled without its parameter');
  return (value) => ({ ...statement, parameters: statement.parameters.map((parameter, index) => (index === at ? value : parameter)) });
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
