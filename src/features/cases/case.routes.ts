// Cases: list with the SPEC filters, read one, reply, assign, escalate, resolve.
import { z } from 'zod';
import { principalOf } from '../../http/auth.js';
import { actingAuthor } from '../agents/agent.service.js';
import { problem } from '../../http/problem.js';
import type { App } from '../../http/route-types.js';
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

export function registerCaseRoutes(app: App, deps: { cases: CaseService; replies: ReplyService }): void {
  app.get(
    '/api/v1/cases',
    {
      schema: {
        tags: ['cases'],
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
  app.get('/api/v1/cases/:id', { schema: { tags: ['cases'], params: idParams } }, async (request, reply) =>
    reply.type('application/json; charset=utf-8').send(await deps.cases.getCaseJson(request.params.id)),
  );

  app.post('/api/v1/cases/:id/replies', { schema: { tags: ['cases'], params: idParams, body: replyBodySchema } }, async (request, reply) => {
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
  });
  app.post('/api/v1/cases/:id/replies/preview', { schema: { tags: ['cases'], params: idParams, body: replyBodySchema } }, async (request) => {
    const { authorId } = actingAuthor(principalOf(request), request.body.author_id);
    return deps.replies.previewReply({ ...request.body, caseId: request.params.id, authorId });
  });
  app.post('/api/v1/cases/:id/assign', { schema: { tags: ['cases'], params: idParams, body: z.object({ owner_id: z.string().min(1) }) } }, async (request) =>
    deps.cases.assignCase({ id: request.params.id, ownerId: request.body.owner_id, by: principalOf(request).agentId }),
  );
  app.post('/api/v1/cases/:id/escalate', { schema: { tags: ['cases'], params: idParams, body: z.object({ note: z.string().min(1).max(2000) }) } }, async (request) =>
    deps.cases.escalateCase({ id: request.params.id, note: request.body.note, by: principalOf(request).agentId }),
  );
  app.post('/api/v1/cases/:id/resolve', { schema: { tags: ['cases'], params: idParams } }, async (request) => deps.cases.resolveCase({ id: request.params.id, by: principalOf(request).agentId }));
  app.post('/api/v1/cases/:id/pending', { schema: { tags: ['cases'], params: idParams, body: z.object({ pending: z.boolean() }) } }, async (request) =>
    deps.cases.setPending({ id: request.params.id, pending: request.body.pending, by: principalOf(request).agentId }),
  );
}
