// Kysely's dialect for the embedded store in its worker thread (pglite-thread.ts): PostgreSQL's compiler and
// introspector, PGlite's adapter (one connection, which Kysely lends to one user at a time), and a driver whose
// single connection sends each statement to the thread. A transaction is BEGIN … COMMIT on that one session,
// as on PostgreSQL; Kysely's own PGlite driver used PGlite's transaction(), which only exists on its thread.
import {
  AbortedTransactionError,
  createQueryId,
  PGliteAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  sql,
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import type { PgliteThread } from './pglite-thread.js';

class PgliteThreadConnection implements DatabaseConnection {
  constructor(readonly thread: PgliteThread) {}

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const { rows, affectedRows } = await this.thread.query(compiledQuery.sql, compiledQuery.parameters);
    return { rows: rows as R[], ...(affectedRows != null ? { numAffectedRows: BigInt(affectedRows) } : {}) };
  }

  streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('Streaming is not supported by PGlite.');
  }
}

type SavepointCommand = 'savepoint' | 'rollback to' | 'release';

class PgliteThreadDriver implements Driver {
  readonly #connection: PgliteThreadConnection;

  constructor(private readonly thread: PgliteThread) {
    this.#connection = new PgliteThreadConnection(thread);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return this.#connection;
  }

  async releaseConnection(): Promise<void> {}

  // Transaction control goes to the thread directly, not through the connection: like Kysely's PGlite driver,
  // the query log (benches count statements with it) sees the statements, not BEGIN and COMMIT.
  async beginTransaction(_connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const mode = [settings.isolationLevel ? `isolation level ${settings.isolationLevel}` : '', settings.accessMode ?? ''].filter(Boolean).join(' ');
    await this.thread.query(mode ? `start transaction ${mode}` : 'begin', []);
  }

  async commitTransaction(): Promise<void> {
    const { command } = await this.thread.query('commit', []);
    // PostgreSQL completes COMMIT with a ROLLBACK tag when an earlier error left the transaction aborted.
    if (command === 'ROLLBACK') throw new AbortedTransactionError();
  }

  async rollbackTransaction(): Promise<void> {
    await this.thread.query('rollback', []);
  }

  savepoint(connection: DatabaseConnection, name: string, compileQuery: QueryCompiler['compileQuery']): Promise<void> {
    return this.#savepointCommand(connection, { command: 'savepoint', name, compileQuery });
  }

  rollbackToSavepoint(connection: DatabaseConnection, name: string, compileQuery: QueryCompiler['compileQuery']): Promise<void> {
    return this.#savepointCommand(connection, { command: 'rollback to', name, compileQuery });
  }

  releaseSavepoint(connection: DatabaseConnection, name: string, compileQuery: QueryCompiler['compileQuery']): Promise<void> {
    return this.#savepointCommand(connection, { command: 'release', name, compileQuery });
  }

  async #savepointCommand(connection: DatabaseConnection, options: { command: SavepointCommand; name: string; compileQuery: QueryCompiler['compileQuery'] }): Promise<void> {
    await connection.executeQuery(options.compileQuery(sql`${sql.raw(options.command)} ${sql.id(options.name)}`.toOperationNode(), createQueryId()));
  }

  destroy(): Promise<void> {
    return this.thread.close();
  }
}

/** The dialect over `thread`; destroying the Kysely instance closes the store and ends the thread. */
export function pgliteThreadDialect(thread: PgliteThread): Dialect {
  return {
    createAdapter: () => new PGliteAdapter(),
    createDriver: () => new PgliteThreadDriver(thread),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  };
}
