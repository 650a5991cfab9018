// GET /api/v1/backup: a consistent copy of the embedded store while Kept runs, for `kept backup`. Only the
// server process may open PGlite's data directory, so the copy is made here, with PGlite's own dump; on
// PostgreSQL, `kept backup` runs pg_dump against DATABASE_URL instead.
import { Readable } from 'node:stream';
import { z } from 'zod';
import type { Store } from '../../db/create-db.js';
import type { App } from '../../http/route-types.js';
import { AppError } from '../../shared/app-error.js';

export function registerBackupRoutes(app: App, deps: { store: Store }): void {
  app.get(
    '/api/v1/backup',
    {
      config: { auth: 'admin' },
      schema: {
        operationId: 'getBackup',
        summary: 'A consistent backup of the embedded store (a gzipped tarball of its data directory)',
        tags: ['operations'],
        response: { 200: z.any().describe('application/gzip: the data directory as PGlite dumps it') },
      },
    },
    async (request, reply) => {
      const snapshot = deps.store.snapshot;
      if (!snapshot) {
        throw new AppError('conflict', { detail: 'This Kept runs on PostgreSQL: back it up with pg_dump (kept backup runs it when DATABASE_URL is set)' });
      }
      const started = performance.now();
      const blob = await snapshot();
      request.log.info({ bytes: blob.size, ms: Math.round(performance.now() - started) }, 'backup written');
      return reply
        .type('application/gzip')
        .header('content-disposition', 'attachment; filename="kept-backup.tar.gz"')
        .send(Readable.fromWeb(blob.stream() as import('node:stream/web').ReadableStream));
    },
  );
}
