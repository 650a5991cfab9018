// Assignment through the API: an agent going out of office (their cases are handed on) and the
// unassigned-case sweep on demand.
import { z } from 'zod';
import { principalOf } from '../../http/auth.js';
import type { App } from '../../http/route-types.js';
import { AppError } from '../../shared/app-error.js';
import { roleAtLeast } from '../agents/agent.service.js';
import type { AssignmentService } from './assignment.service.js';

/** `POST /api/v1/agents/{id}/out-of-office` and `POST /api/v1/cases/sweep`. */
export function registerSignalRoutes(app: App, deps: { assignment: AssignmentService }): void {
  app.post(
    '/api/v1/agents/:id/out-of-office',
    {
      config: { auth: 'agent' },
      schema: {
        tags: ['agents'],
        params: z.object({ id: z.string().min(1) }),
        body: z.object({ out_of_office: z.boolean(), note: z.string().max(2000).optional() }),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      // Agents mark themselves; managers and admins mark anyone.
      if (principal.agentId !== request.params.id && !roleAtLeast(principal.role, 'manager')) throw new AppError('forbidden', { detail: 'Only a manager or an admin can mark another agent out of office' });
      return deps.assignment.setOutOfOffice({ agentId: request.params.id, outOfOffice: request.body.out_of_office, note: request.body.note, by: principal.agentId });
    },
  );
  app.post('/api/v1/cases/sweep', { config: { auth: 'admin' }, schema: { tags: ['cases'] } }, async (request) => deps.assignment.sweepUnassigned({ by: principalOf(request).agentId }));
}
