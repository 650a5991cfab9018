// GET /api/v1/reports/forecast: the surge forecast for the console's dashboard.
import { z } from 'zod';
import type { App } from '../../http/route-types.js';
import type { ForecastService } from './forecast.service.js';

export function registerForecastRoutes(app: App, deps: { forecast: ForecastService }): void {
  app.get(
    '/api/v1/reports/forecast',
    { schema: { tags: ['reports'], querystring: z.object({ days: z.coerce.number().int().min(1).max(90).optional() }) } },
    async (request) => deps.forecast.forecast({ days: request.query.days }),
  );
}
