// On the embedded store (PGlite) this process is the database's only client, so it can tell when data
// may have changed: the count goes up after every commit, and after every statement outside a transaction
// that is not a select. Reads that saw the same count saw the same data. Caches of reads rely on it (see
// case-view-cache.ts); PostgreSQL has no such count, since other processes write to it too.
import type { AbortableOperationOptions, CompiledQuery, DatabaseConnection, Dialect, Driver, QueryResult, TransactionSettings } from 'kysely';

export interface WriteCount {
  /** Writes completed so far; a write is counted before the promise of its statement or commit settles. */
  current(): number;
}

// A select (after any leading comments) changes no data; anything else — insert, update, delete, a `with`
// that may hold one, DDL — counts as a write, whether it changed rows or not.
const select = /^\s*(?:\/\*[\s\S]*?\*\/\s*)*select\b/i;

class CountingConnection implements DatabaseConnection {
  inTransaction = false;

  constructor(
    readonly inner: DatabaseConnection,
    private readonly counted: () => void,
  ) {}

  async executeQuery<R>(compiledQuery: CompiledQuery, options?: AbortableOperationOptions): Promise<QueryResult<R>> {
    try {
      return await this.inner.executeQuery<R>(compiledQuery, options);
    } finally {
      // Inside a transaction nothing is visible to others before the commit, which counts.
      if (!this.inTransaction && !select.test(compiledQuery.sql)) this.counted();
    }
  }

  streamQuery<R>(compiledQuery: CompiledQuery, chunkSize: number, options?: AbortableOperationOptions): AsyncIterableIterator<QueryResult<R>> {
    // PGlite streams nothing; were a driver to, a streamed statement is a select or counts as a write.
    if (!this.inTransaction && !select.test(compiledQuery.sql)) this.counted();
    return this.inner.streamQuery<R>(compiledQuery, chunkSize, options);
  }
}

class CountingDriver implements Driver {
  readonly #connections = new WeakMap<DatabaseConnection, CountingConnection>();

  constructor(
    private readonly inner: Driver,
    private readonly counted: () => void,
  ) {}

  #innerOf(connection: DatabaseConnection): DatabaseConnection {
    return connection instanceof CountingConnection ? connection.inner : connection;
  }

  init(options?: AbortableOperationOptions): Promise<void> {
    return this.inner.init(options);
  }

  async acquireConnection(options?: AbortableOperationOptions): Promise<DatabaseConnection> {
    const connection = await this.inner.acquireConnection(options);
    let counting = this.#connections.get(connection);
    if (!counting) {
      counting = new CountingConnection(connection, this.counted);
      this.#connections.set(connection, counting);
    }
    return counting;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    await this.inner.beginTransaction(this.#innerOf(connection), settings);
    if (connection instanceof CountingConnection) connection.inTransaction = true;
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.#endTransaction(connection, (inner) => this.inner.commitTransaction(inner));
  }

  // A rollback changes nothing; it is counted all the same, so that no reader has to trust it did not.
  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.#endTransaction(connection, (inner) => this.inner.rollbackTransaction(inner));
  }

  async #endTransaction(connection: DatabaseConnection, end: (inner: DatabaseConnection) => Promise<void>): Promise<void> {
    try {
      await end(this.#innerOf(connection));
    } finally {
      if (connection instanceof CountingConnection) connection.inTransaction = false;
      this.counted();
    }
  }

  async savepoint(connection: DatabaseConnection, name: string, compileQuery: Parameters<NonNullable<Driver['savepoint']>>[2]): Promise<void> {
    await this.inner.savepoint?.(this.#innerOf(connection), name, compileQuery);
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string, compileQuery: Parameters<NonNullable<Driver['rollbackToSavepoint']>>[2]): Promise<void> {
    await this.inner.rollbackToSavepoint?.(this.#innerOf(connection), name, compileQuery);
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string, compileQuery: Parameters<NonNullable<Driver['releaseSavepoint']>>[2]): Promise<void> {
    await this.inner.releaseSavepoint?.(this.#innerOf(connection), name, compileQuery);
  }

  releaseConnection(connection: DatabaseConnection, options?: AbortableOperationOptions): Promise<void> {
    return this.inner.releaseConnection(this.#innerOf(connection), options);
  }

  destroy(options?: AbortableOperationOptions): Promise<void> {
    return this.inner.destroy(options);
  }
}

/** The dialect, with its driver counting writes; `writes` reads the count. */
export function countWrites(dialect: Dialect): { dialect: Dialect; writes: WriteCount } {
  let count = 0;
  const counted = () => {
    count += 1;
  };
  return {
    dialect: {
      createAdapter: () => dialect.createAdapter(),
      createDriver: () => new CountingDriver(dialect.createDriver(), counted),
      createQueryCompiler: () => dialect.createQueryCompiler(),
      createIntrospector: (db) => dialect.createIntrospector(db),
    },
    writes: { current: () => count },
  };
}
