// Claims' API: open a claim from a case, accept or reject a document, settle a claim.
import { z } from 'zod';
import { principalOf } from '../../http/auth.js';
import { declareResponses, errorResponses, timeText } from '../../http/responses.js';
import type { App } from '../../http/route-types.js';
import { caseDocumentSchema, caseViewSchema } from '../cases/case.schemas.js';
import { claimTypes, resolutionOptions } from './claim.js';
import type { ClaimService } from './claim.service.js';

const idParams = z.object({ id: z.string().min(1) });
const documentParams = z.object({ id: z.string().min(1), docId: z.string().min(1) });
const documentViewSchema = caseDocumentSchema.extend({ decided_at: timeText.nullable(), decision_note: z.string().nullable(), reminders: z.number().int() });

const claimResolutionSchema = z.object({
  claim_id: z.string(),
  option: z.enum(resolutionOptions),
  amount: z.object({ amount_minor: z.number().int(), currency: z.string() }).nullable(),
  case: caseViewSchema,
});

const noteBody = z.object({ note: z.string().max(2000).optional() }).default({});
const documentView = z.object({
  id: z.string(),
  kind: z.string(),
  state: z.enum(['requested', 'received', 'accepted', 'rejected']),
  requested_at: z.string(),
  received_at: z.string().nullable(),
  decided_at: z.string().nullable(),
  decision_note: z.string().nullable(),
  reminders: z.number(),
});

export function registerClaimRoutes(app: App, deps: { claims: ClaimService }): void {
  app.post(
    '/api/v1/cases/:id/claims',
    {
      config: { auth: 'agent' },
      schema: {
        operationId: 'openClaim',
        summary: 'Open a claim from a case; the documents it needs are requested',
        tags: ['claims'],
        params: idParams,
        body: z.object({ type: z.enum(claimTypes) }),
        response: declareResponses({ 201: caseViewSchema, ...errorResponses(409) }),
      },
    },
    async (request, reply) => {
      const view = await deps.claims.openClaimFromCase({ caseId: request.params.id, type: request.body.type, by: principalOf(request).agentId });
      return reply.status(201).send(view);
    },
  );

  for (const decision of ['accept', 'reject'] as const) {
    app.post(
      `/api/v1/cases/:id/documents/:docId/${decision}`,
      {
        config: { auth: 'agent' },
        schema: {
          operationId: `${decision}Document`,
          summary: `${decision === 'accept' ? 'Accept' : 'Reject'} a received claim document`,
          tags: ['claims'],
          params: documentParams,
          body: noteBody,
          response: declareResponses({ 200: documentViewSchema, ...errorResponses(409) }),
        },
      },
      async (request) =>
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
    '/api/v1/cases/:id/documents/:docId/attachment',
    {
      config: { auth: 'agent' },
      schema: {
        operationId: 'receiveEmailedDocument',
        summary: 'Accept a file the customer emailed as this requested document (it becomes received and keeps its commitment)',
        tags: ['claims'],
        params: documentParams,
        body: z.object({ attachment_id: z.string().min(1).max(64) }),
        response: { 200: documentView },
      },
    },
    async (request) => deps.claims.receiveEmailedDocument({ caseId: request.params.id, documentId: request.params.docId, attachmentId: request.body.attachment_id, by: principalOf(request).agentId }),
  );

  app.post(
    '/api/v1/cases/:id/claims/resolve',
    {
      config: { auth: 'agent' },
      schema: {
        operationId: 'resolveClaim',
        summary: 'Settle a claim (refund, replacement…)',
        tags: ['claims'],
        params: idParams,
        response: declareResponses({ 200: claimResolutionSchema, ...errorResponses(409) }),
        body: z.object({ option: z.enum(resolutionOptions), amount: z.number().positive().optional().meta({ description: "In the order's currency; defaults to the order total" }) }),
      },
    },
    async (request) => deps.claims.resolveClaim({ caseId: request.params.id, option: request.body.option, amount: request.body.amount, by: principalOf(request).agentId }),
  );
}
