// What an import needs of a running Kept: its ingest, and the store for the checkpoints.
import type { Db } from '../../db/create-db.js';
import type { EventInput } from '../events/event.schemas.js';
import { findImportCheckpoint, saveImportCheckpoint } from './import-checkpoint.repo.js';
import type { ImportPorts } from './run-import.js';

export function createImportPorts(deps: {
  db: Db;
  ingestEvents: (events: EventInput[], options: { history?: { horizon: Date } }) => Promise<{ accepted: number; duplicates: number }>;
  finishHistory: (options: { horizon: Date }) => Promise<void>;
}): ImportPorts {
  return {
    ingest: deps.ingestEvents,
    finishHistory: deps.finishHistory,
    findCheckpoint: (sourceKey) => findImportCheckpoint(deps.db, sourceKey),
    saveCheckpoint: (checkpoint) => saveImportCheckpoint(deps.db, { ...checkpoint, at: new Date() }),
  };
}
