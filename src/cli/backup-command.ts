// `kept backup <file>` and `kept restore <file>`.
// Embedded store: the running server writes the copy (GET /api/v1/backup, PGlite's own dump, consistent at
// one moment); restore unpacks it into an empty KEPT_DATA_DIR. PostgreSQL: pg_dump's custom format of
// DATABASE_URL (a consistent snapshot while Kept runs), restored with pg_restore into an empty database.
import { execFile } from 'node:child_process';
import { createWriteStream, existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { Readable } from 'node:stream';
import type { ReadableStream } from 'node:stream/web';
import { pipeline } from 'node:stream/promises';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { parseEnv } from '../config/env.js';
import { AppError } from '../shared/app-error.js';

type Source = Record<string, string | undefined>;

function fileArgument(argv: string[], command: string): string {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true, options: {} });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new AppError('validation_failed', { detail: `Usage: kept ${command} <file>` });
  return file;
}

async function runTool(tool: string, args: string[]): Promise<void> {
  try {
    await promisify(execFile)(tool, args, { maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const { code, stderr } = error as NodeJS.ErrnoException & { stderr?: string };
    if (code === 'ENOENT')
      throw new AppError('not_found', { detail: `${tool} is not installed: install PostgreSQL's client tools (Debian: postgresql-client) of the server's major version or newer` });
    throw new AppError('internal', { detail: `${tool} failed: ${stderr?.trim() || String(error)}` });
  }
}

/** Writes the backup to `file` (through a temporary file, so a failed backup never leaves a partial one). */
export async function runBackupCommand(argv: string[], source: Source = process.env): Promise<number> {
  const file = fileArgument(argv, 'backup');
  const env = parseEnv(source);
  const partial = `${file}.partial`;
  try {
    if (env.DATABASE_URL) {
      await runTool('pg_dump', ['--format=custom', '--no-owner', `--file=${partial}`, `--dbname=${env.DATABASE_URL}`]);
    } else {
      const baseUrl = env.KEPT_URL ?? 'http://localhost:3000';
      if (!env.KEPT_ADMIN_TOKEN) throw new AppError('unauthenticated', { detail: 'Set KEPT_ADMIN_TOKEN to the admin token: the running Kept writes the backup of its embedded store' });
      const response = await fetch(new URL('/api/v1/backup', baseUrl), { headers: { authorization: `Bearer ${env.KEPT_ADMIN_TOKEN}` } }).catch(() => {
        throw new AppError('not_found', { detail: `Kept does not answer at ${baseUrl}: start it, or set KEPT_URL (a stopped Kept is backed up by copying KEPT_DATA_DIR)` });
      });
      if (!response.ok || !response.body) throw new AppError('internal', { detail: `Kept refused the backup (${response.status}): ${await response.text()}` });
      await pipeline(Readable.fromWeb(response.body as ReadableStream), createWriteStream(partial));
    }
    renameSync(partial, file);
  } finally {
    rmSync(partial, { force: true });
  }
  process.stdout.write(`Backup written to ${file}\n`);
  return 0;
}

const gzipMagic = [0x1f, 0x8b];
const pgDumpMagic = 'PGDMP';

/** Restores `file` into an empty data directory (KEPT_DATA_DIR) or an empty database (DATABASE_URL). */
export async function runRestoreCommand(argv: string[], source: Source = process.env): Promise<number> {
  const file = fileArgument(argv, 'restore');
  const env = parseEnv(source);
  const bytes = readFileSync(file);
  const { createStore } = await import('../db/create-db.js');
  if (env.DATABASE_URL) {
    if (bytes.subarray(0, 5).toString('latin1') !== pgDumpMagic)
      throw new AppError('validation_failed', { detail: `${file} is not a pg_dump custom-format backup (kept backup with DATABASE_URL writes one)` });
    await assertEmptyDatabase(env.DATABASE_URL);
    await runTool('pg_restore', ['--no-owner', '--exit-on-error', `--dbname=${env.DATABASE_URL}`, file]);
  } else {
    if (bytes[0] !== gzipMagic[0] || bytes[1] !== gzipMagic[1]) throw new AppError('validation_failed', { detail: `${file} is not a backup of the embedded store (a gzipped tarball)` });
    const dataDir = env.KEPT_DATA_DIR;
    if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
      throw new AppError('conflict', { detail: `${dataDir} is not empty: restore into an empty data directory (set KEPT_DATA_DIR, or move the old one away)` });
    }
    const { PGlite } = await import('@electric-sql/pglite');
    const pglite = await PGlite.create(dataDir, { loadDataDir: new Blob([bytes]) });
    await pglite.close();
    // The copy holds the lock of the Kept it was taken from, which may still be running.
    rmSync(join(dataDir, 'kept.lock'), { force: true });
  }
  // Opening it as Kept does runs the migrations a backup of an older release needs, and proves it opens.
  const store = await createStore({ databaseUrl: env.DATABASE_URL, dataDir: env.KEPT_DATA_DIR });
  await store.close();
  process.stdout.write(`Restored ${file} into ${env.DATABASE_URL ? 'the database in DATABASE_URL' : env.KEPT_DATA_DIR}. Start Kept on it with kept start.\n`);
  return 0;
}

async function assertEmptyDatabase(url: string): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: string }>("select count(*) from information_schema.tables where table_schema = 'public'");
    if (Number(rows[0]?.count) > 0) throw new AppError('conflict', { detail: 'The database in DATABASE_URL is not empty: restore into a new, empty database' });
  } finally {
    await client.end();
  }
}
