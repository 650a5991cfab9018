// Customer status pages (public HTML) and the console's template list and preview.
import { z } from 'zod';
import { declareResponses, itemsOf } from '../../http/responses.js';
import type { App } from '../../http/route-types.js';
import { templatePreviewResultSchema, templateSummarySchema } from './comms.schemas.js';
import type { OneVoiceService } from './one-voice.service.js';
import { renderStatusNotFound, renderStatusPage } from './status-page.js';
import type { StatusPageService } from './status-page.service.js';

export const templatePreviewSchema = z.object({
  template: z.string().min(1).meta({ description: 'A template id, e.g. order.cancelled.email or reason.out_of_stock.fallback' }),
  vars: z.record(z.string(), z.unknown()).optional().meta({ description: 'Values by variable name; money as {amount, currency}' }),
  case_id: z.string().min(1).optional().meta({ description: "Render with this case's records and audit against them" }),
});

export function registerOneVoiceRoutes(app: App, deps: { oneVoice: OneVoiceService; statusPages: StatusPageService }): void {
  app.get('/status/:token', { config: { auth: 'public' }, schema: { hide: true, params: z.object({ token: z.string() }) } }, async (request, reply) => {
    const view = await deps.statusPages.findStatusPage(request.params.token);
    void reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').header('x-robots-tag', 'noindex').type('text/html; charset=utf-8');
    if (!view) return reply.code(404).send(renderStatusNotFound());
    return reply.send(renderStatusPage(view));
  });

  app.get(
    '/api/v1/templates',
    {
      config: { auth: 'agent' },
      schema: {
        operationId: 'listTemplates',
        summary: 'Templates with their variables and the promises they make',
        tags: ['templates'],
        response: declareResponses({ 200: itemsOf(templateSummarySchema) }),
      },
    },
    async () => ({ items: deps.oneVoice.listTemplates() }),
  );

  app.post(
    '/api/v1/templates/preview',
    {
      config: { auth: 'agent' },
      schema: {
        operationId: 'previewTemplate',
        summary: 'Render a template with sample or case values and audit it',
        tags: ['templates'],
        body: templatePreviewSchema,
        response: declareResponses({ 200: templatePreviewResultSchema }),
      },
    },
    async (request) => deps.oneVoice.previewTemplate({ template: request.body.template, vars: request.body.vars, caseId: request.body.case_id }),
  );
}
