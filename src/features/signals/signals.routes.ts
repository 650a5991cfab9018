// Assignment through the API: an agent going out of office (their cases are handed on) and the
// unassigned-case sweep on demand.
import { z } from 'zod';
import { principalOf } from '../../http/auth.js';
import { declareResponses, errorResponses } from '../../http/responses.js';
import type { App } from '../../http/route-types.js';

const placementSchema = z.object({ case_id: z.string(), owner_id: z.string().nullable() });
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
        operationId: 'setOutOfOffice',
        summary: 'Mark an agent in or out of office; going out hands their cases on',
        tags: ['agents'],
        response: declareResponses({
          200: z.object({ agent_id: z.string(), out_of_office: z.boolean(), handed_over: z.array(placementSchema.extend({ note: z.string() })) }),
          ...errorResponses(403),
        }),
        params: z.object({ id: z.string().min(1) }),
        body: z.object({ out_of_office: z.boolean(), note: z.string().max(2000).optional() }),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      // Agents mark themselves; managers and admins mark anyone.
      if (principal.agentId !== request.params.id && !roleAtLeast(principal.role, 'manager'))
        throw new AppError('forbidden', { detail: 'Only a manager or an admin can mark another agent out of office' });
      return deps.assignment.setOutOfOffice({ agentId: request.params.id, outOfOffice: request.body.out_of_office, note: request.body.note, by: principal.agentId });
    },
  );
  app.post(
    '/api/v1/cases/sweep',
    {
      config: { auth: 'admin' },
      schema: {
        operationId: 'sweepUnassignedCases',
        summary: 'Assign waiting unassigned cases now',
        tags: ['cases'],
        response: declareResponses({ 200: z.object({ assigned: z.array(placementSchema), still_unassigned: z.number().int() }) }),
      },
    },
    async (request) => deps.assignment.sweepUnassigned({ by: principalOf(request).agentId }),
  );
}
