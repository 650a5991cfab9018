// GET /api/v1/reports/forecast: the surge forecast for the console's dashboard, for managers like the other reports.
import { z } from 'zod';
import type { App } from '../../http/route-types.js';
import type { ForecastService } from './forecast.service.js';

export function registerForecastRoutes(app: App, deps: { forecast: ForecastService }): void {
  app.get(
    '/api/v1/reports/forecast',
    { config: { auth: 'manager' }, schema: { tags: ['reports'], querystring: z.object({ days: z.coerce.number().int().min(1).max(90).optional() }) } },
    async (request) => deps.forecast.forecast({ days: request.query.days }),
  );
}
