// Claims' API: open a claim from a case, accept or reject a document, settle a claim.
import { z } from 'zod';
import { principalOf } from '../../http/auth.js';
import type { App } from '../../http/route-types.js';
import { claimTypes, resolutionOptions } from './claim.js';
import type { ClaimService } from './claim.service.js';

const idParams = z.object({ id: z.string().min(1) });
const documentParams = z.object({ id: z.string().min(1), docId: z.string().min(1) });
const noteBody = z.object({ note: z.string().max(2000).optional() }).default({});

export function registerClaimRoutes(app: App, deps: { claims: ClaimService }): void {
  app.post('/api/v1/cases/:id/claims', { config: { auth: 'agent' }, schema: { tags: ['claims'], params: idParams, body: z.object({ type: z.enum(claimTypes) }) } }, async (request, reply) => {
    const view = await deps.claims.openClaimFromCase({ caseId: request.params.id, type: request.body.type, by: principalOf(request).agentId });
    return reply.status(201).send(view);
  });

  for (const decision of ['accept', 'reject'] as const) {
    app.post(`/api/v1/cases/:id/documents/:docId/${decision}`, { config: { auth: 'agent' }, schema: { tags: ['claims'], params: documentParams, body: noteBody } }, async (request) =>
      deps.claims.decideDocument({
        caseId: request.params.id,
        documentId: request.params.docId,
        decision: decision === 'accept' ? 'accepted' : 'rejected',
        note: request.body?.note ?? null,
        by: principalOf(request).agentId,
      }),
    );
  }

  app.post(
    '/api/v1/cases/:id/claims/resolve',
    { config: { auth: 'agent' }, schema: { tags: ['claims'], params: idParams, body: z.object({ option: z.enum(resolutionOptions), amount: z.number().positive().optional().meta({ description: "In the order's currency; defaults to the order total" }) }) } },
    async (request) => deps.claims.resolveClaim({ caseId: request.params.id, option: request.body.option, amount: request.body.amount, by: principalOf(request).agentId }),
  );
}
