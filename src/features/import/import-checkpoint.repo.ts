// The only SQL of `kept import`: how far each imported file got.
import type { ColumnType } from 'kysely';
import type { Queryable } from '../../db/create-db.js';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

interface ImportCheckpointsTable {
  source_key: string;
  file_name: string;
  format: string;
  position: ColumnType<string, number, number>;
  accepted: ColumnType<string, number, number>;
  duplicates: ColumnType<string, number, number>;
  updated_at: Timestamp;
  finished_at: Timestamp | null;
}

const tables = (q: Queryable) => q.withTables<{ import_checkpoints: ImportCheckpointsTable }>();

export interface ImportCheckpoint {
  position: number;
  accepted: number;
  duplicates: number;
  finishedAt: Date | null;
}

export async function findImportCheckpoint(q: Queryable, sourceKey: string): Promise<ImportCheckpoint | undefined> {
  const row = await tables(q).selectFrom('import_checkpoints').selectAll().where('source_key', '=', sourceKey).executeTakeFirst();
  return row ? { position: Number(row.position), accepted: Number(row.accepted), duplicates: Number(row.duplicates), finishedAt: row.finished_at } : undefined;
}

export async function saveImportCheckpoint(
  q: Queryable,
  checkpoint: { sourceKey: string; fileName: string; format: string; position: number; accepted: number; duplicates: number; at: Date; finished: boolean },
): Promise<void> {
  const values = {
    position: checkpoint.position,
    accepted: checkpoint.accepted,
    duplicates: checkpoint.duplicates,
    updated_at: checkpoint.at,
    finished_at: checkpoint.finished ? checkpoint.at : null,
  };
  await tables(q)
    .insertInto('import_checkpoints')
    .values({ source_key: checkpoint.sourceKey, file_name: checkpoint.fileName, format: checkpoint.format, ...values })
    .onConflict((oc) => oc.column('source_key').doUpdateSet(values))
    .execute();
}
