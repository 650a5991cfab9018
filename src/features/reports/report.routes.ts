// GET /api/v1/reports/dashboard and /api/v1/reports/agents, for managers.
import { z } from 'zod';
import type { App } from '../../http/route-types.js';
import type { ReportService } from './report.service.js';

export function registerReportRoutes(app: App, deps: { reports: ReportService }): void {
  app.get(
    '/api/v1/reports/dashboard',
    {
      config: { auth: 'manager' },
      schema: { tags: ['reports'], querystring: z.object({ days: z.coerce.number().int().min(1).max(90).default(14).meta({ description: 'Whole UTC days ending today' }) }) },
    },
    async (request) => deps.reports.getDashboard({ days: request.query.days }),
  );
  app.get('/api/v1/reports/agents', { config: { auth: 'manager' }, schema: { tags: ['reports'] } }, async () => deps.reports.getAgentLoad());
}
