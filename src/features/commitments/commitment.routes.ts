// GET /api/v1/commitments with the SPEC filters.
import { z } from 'zod';
import type { App } from '../../http/route-types.js';
import type { Db } from '../../db/create-db.js';
import { listCommitments, toCommitmentView } from './commitment.repo.js';

export function registerCommitmentReadRoutes(app: App, deps: { db: Db }): void {
  app.get(
    '/api/v1/commitments',
    {
      schema: {
        tags: ['commitments'],
        querystring: z.object({
          state: z.enum(['open', 'kept', 'breached', 'waived']).optional(),
          kind: z.string().optional(),
          case_id: z.string().optional(),
          customer_id: z.string().optional(),
          limit: z.coerce.number().int().min(1).max(1000).optional(),
        }),
      },
    },
    async (request) => {
      const { state, kind, case_id: caseId, customer_id: customerId, limit } = request.query;
      const rows = await listCommitments(deps.db, { state, kind, caseId, customerId, limit: limit ?? 200 });
      return { items: rows.map(toCommitmentView) };
    },
  );
}
