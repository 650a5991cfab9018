// Cases: list with the SPEC filters, read one, reply, assign, escalate, resolve.
import { z } from 'zod';
import { principalOf } from '../../http/auth.js';
import { actingAuthor } from '../agents/agent.service.js';
import { problem } from '../../http/problem.js';
import { declareResponses, errorResponses, findingSchema } from '../../http/responses.js';
import type { App } from '../../http/route-types.js';
import { casePageSchema, caseViewSchema, messageViewSchema } from './case.schemas.js';
import type { CaseService } from './case.service.js';
import { toMessageView } from './case.service.js';
import type { ReplyService } from './reply.service.js';

const idParams = z.object({ id: z.string().min(1) });
const queue = z.enum(['mine', 'unassigned', 'at_risk', 'escalated', 'breached', 'recovery', 'automatic']);

export const replyBodySchema = z
  .object({
    author_id: z.string().min(1).optional().meta({ description: "The token's agent; an admin may name another agent, and that is recorded in the audit log" }),
    body: z.string().max(100_000).optional(),
    template: z.string().optional(),
    vars: z.record(z.string(), z.unknown()).optional(),
    channel: z.enum(['email', 'sms', 'social', 'chat']).optional(),
    override: z.array(z.string()).optional(),
    note: z.string().max(2000).optional(),
  })
  .refine((body) => body.body !== undefined || body.template !== undefined, { message: 'give a body or a template', path: ['body'] });

const sentReplySchema = z.looseObject({
  held: z.literal(false),
  message: messageViewSchema,
  outbox_id: z.string(),
});

const replyPreviewSchema = z.looseObject({ subject: z.string().nullable(), body: z.string(), channel: z.string(), findings: z.array(findingSchema) });

export function registerCaseRoutes(app: App, deps: { cases: CaseService; replies: ReplyService }): void {
  app.get(
    '/api/v1/cases',
    {
      config: { auth: 'agent' },
      schema: {
        operationId: 'listCases',
        summary: 'List cases by customer, state, owner or queue',
        tags: ['cases'],
        response: declareResponses({ 200: casePageSchema }),
        querystring: z.object({
          customer_id: z.string().optional(),
          state: z.enum(['open', 'pending', 'resolved']).optional(),
          owner_id: z.string().optional(),
          queue: queue.optional(),
          cursor: z.string().optional(),
          limit: z.coerce.number().int().min(1).max(200).optional(),
        }),
      },
    },
    async (request) =>
      deps.cases.listCases({
        customerId: request.query.customer_id,
        state: request.query.state,
        ownerId: request.query.owner_id,
        queue: request.query.queue,
        viewerId: principalOf(request).agentId ?? undefined,
        cursor: request.query.cursor,
        limit: request.query.limit,
      }),
  );
  // The case comes as JSON text from the store (CaseView, written as JSON.stringify would): sent as it is,
  // with the content type a serialised object gets.
  app.get(
    '/api/v1/cases/:id',
    {
      config: { auth: 'agent' },
      schema: {
        operationId: 'getCase',
        summary: 'Read a case with its messages, commitments, risk and documents',
        tags: ['cases'],
        params: idParams,
        response: declareResponses({ 200: caseViewSchema }),
      },
    },
    async (request, reply) => reply.type('application/json; charset=utf-8').send(await deps.cases.getCaseJson(request.params.id)),
  );

  app.post(
    '/api/v1/cases/:id/replies',
    {
      config: { auth: 'agent' },
      schema: {
        operationId: 'sendReply',
        summary: 'Reply to the customer; a reply with findings is held (422)',
        tags: ['cases'],
        params: idParams,
        body: replyBodySchema,
        response: declareResponses({ 201: sentReplySchema, ...errorResponses(422) }),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const author = actingAuthor(principal, request.body.author_id);
      const result = await deps.replies.sendReply({ ...request.body, caseId: request.params.id, authorId: author.authorId, ...(author.onBehalf ? { actedBy: principal } : {}) });
      if (result.held) {
        const codes = [...new Set(result.findings.map((finding) => finding.code))].join(', ');
        return reply
          .status(422)
          .type('application/problem+json')
          .send(problem(422, 'Reply held', `The reply was held, not sent: ${codes}. Send again with "override" and a "note" to send it anyway.`, { findings: result.findings, outbox: result.outbox }));
      }
      const { message, ...rest } = result;
      return reply.status(201).send({ ...rest, message: toMessageView(message) });
    },
  );
  app.post(
    '/api/v1/cases/:id/replies/preview',
    {
      config: { auth: 'agent' },
      schema: {
        operationId: 'previewReply',
        summary: 'Check a reply without sending it',
        tags: ['cases'],
        params: idParams,
        body: replyBodySchema,
        response: declareResponses({ 200: replyPreviewSchema }),
      },
    },
    async (request) => {
      const { authorId } = actingAuthor(principalOf(request), request.body.author_id);
      return deps.replies.previewReply({ ...request.body, caseId: request.params.id, authorId });
    },
  );
  app.post(
    '/api/v1/cases/:id/assign',
    {
      config: { auth: 'agent' },
      schema: {
        operationId: 'assignCase',
        summary: 'Give a case its owner',
        tags: ['cases'],
        params: idParams,
        response: declareResponses({ 200: caseViewSchema }),
        body: z.object({ owner_id: z.string().min(1) }),
      },
    },
    async (request) => deps.cases.assignCase({ id: request.params.id, ownerId: request.body.owner_id, by: principalOf(request).agentId }),
  );
  app.post(
    '/api/v1/cases/:id/escalate',
    {
      config: { auth: 'agent' },
      schema: {
        operationId: 'escalateCase',
        summary: 'Escalate a case to a manager',
        tags: ['cases'],
        params: idParams,
        response: declareResponses({ 200: caseViewSchema }),
        body: z.object({ note: z.string().min(1).max(2000) }),
      },
    },
    async (request) => deps.cases.escalateCase({ id: request.params.id, note: request.body.note, by: principalOf(request).agentId }),
  );
  app.post(
    '/api/v1/cases/:id/resolve',
    { config: { auth: 'agent' }, schema: { operationId: 'resolveCase', summary: 'Resolve a case', tags: ['cases'], params: idParams, response: declareResponses({ 200: caseViewSchema }) } },
    async (request) => deps.cases.resolveCase({ id: request.params.id, by: principalOf(request).agentId }),
  );
  app.post(
    '/api/v1/cases/:id/pending',
    {
      config: { auth: 'agent' },
      schema: {
        operationId: 'setCasePending',
        summary: 'Mark a case as waiting on the customer, or open again',
        tags: ['cases'],
        params: idParams,
        response: declareResponses({ 200: caseViewSchema }),
        body: z.object({ pending: z.boolean() }),
      },
    },
    async (request) => deps.cases.setPending({ id: request.params.id, pending: request.body.pending, by: principalOf(request).agentId }),
  );
}
