// Correcting and dismissing a promise Kept read in an agent's words:
// POST /api/v1/commitments/{id}/correct {due_at?, owner_id?, note?} and POST /api/v1/commitments/{id}/dismiss {note}.
import { z } from 'zod';
import { principalOf } from '../../http/auth.js';
import { declareResponses, errorResponses } from '../../http/responses.js';
import type { App } from '../../http/route-types.js';
import { commitmentViewSchema } from '../commitments/commitment.schemas.js';
import { promiseCorrectionSchema, promiseDismissalSchema } from './promise.schemas.js';
import type { PromiseService } from './promise.service.js';

const idParams = z.object({ id: z.string().min(1) });

export function registerPromiseRoutes(app: App, deps: { promises: PromiseService }): void {
  app.post(
    '/api/v1/commitments/:id/correct',
    {
      config: { auth: 'agent' },
      schema: {
        operationId: 'correctPromise',
        tags: ['commitments'],
        response: declareResponses({ 200: commitmentViewSchema, ...errorResponses(403, 409) }),
        summary: 'Correct a promise read in a message: its time (the deadline and its timers move) or its owner',
        description: "Only a commitment opened from a promise; by the promise's author, the case owner, a manager or an admin.",
        params: idParams,
        body: promiseCorrectionSchema,
      },
    },
    async (request) => {
      const { agentId, role } = principalOf(request);
      return deps.promises.correctPromise({ commitmentId: request.params.id, by: { agentId, role }, correction: request.body });
    },
  );
  app.post(
    '/api/v1/commitments/:id/dismiss',
    {
      config: { auth: 'agent' },
      schema: {
        operationId: 'dismissPromise',
        tags: ['commitments'],
        response: declareResponses({ 200: commitmentViewSchema, ...errorResponses(403, 409) }),
        summary: 'Dismiss a promise read in a message (misread, or taken back), with a note; it is neither kept nor breached',
        description: "Only an open commitment opened from a promise; by the promise's author, the case owner, a manager or an admin.",
        params: idParams,
        body: promiseDismissalSchema,
      },
    },
    async (request) => {
      const { agentId, role } = principalOf(request);
      return deps.promises.dismissPromise({ commitmentId: request.params.id, by: { agentId, role }, note: request.body.note });
    },
  );
}
