// The PostgreSQL server the store tests use: KEPT_TEST_DATABASE_URL, or the local one. Its database part
// names the maintenance database that test databases are created from (`postgres` by default, which every
// server has), so a fresh PostgreSQL needs nothing made by hand.
import pg from 'pg';

export const testServerUrl = process.env['KEPT_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The URL of database `name` on the test server. */
export function testDatabaseUrl(name: string): string {
  const url = new URL(testServerUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs `statement` on the maintenance database (create and drop database cannot run inside one). */
export async function onTestServer(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: testServerUrl, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(
      `No PostgreSQL server answers at ${new URL(testServerUrl).host} (${why}). The store tests run on PostgreSQL too: start one (Debian: postgresql), or set KEPT_TEST_DATABASE_URL to postgres://user@host:port/postgres.`,
      { cause: error },
    );
  }
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
