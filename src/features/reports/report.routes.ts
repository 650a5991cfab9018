// GET /api/v1/reports/dashboard and /api/v1/reports/agents, for managers.
import { z } from 'zod';
import { declareResponses } from '../../http/responses.js';
import type { App } from '../../http/route-types.js';
import { agentLoadSchema, dashboardSchema } from './report.schemas.js';
import type { ReportService } from './report.service.js';

export function registerReportRoutes(app: App, deps: { reports: ReportService }): void {
  app.get(
    '/api/v1/reports/dashboard',
    {
      config: { auth: 'manager' },
      schema: {
        operationId: 'getDashboard',
        summary: 'Kept and breached commitments, backlog and first responses by day',
        tags: ['reports'],
        response: declareResponses({ 200: dashboardSchema }),
        querystring: z.object({ days: z.coerce.number().int().min(1).max(90).default(14).meta({ description: 'Whole UTC days ending today' }) }),
      },
    },
    async (request) => deps.reports.getDashboard({ days: request.query.days }),
  );
  app.get(
    '/api/v1/reports/agents',
    { config: { auth: 'manager' }, schema: { operationId: 'getAgentLoad', summary: "Each agent's open and at-risk cases", tags: ['reports'], response: declareResponses({ 200: agentLoadSchema }) } },
    async () => deps.reports.getAgentLoad(),
  );
}
