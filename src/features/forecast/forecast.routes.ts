// GET /api/v1/reports/forecast: the surge forecast for the console's dashboard, for managers like the other reports.
import { z } from 'zod';
import { declareResponses } from '../../http/responses.js';
import type { App } from '../../http/route-types.js';
import { liveForecastSchema } from './forecast.schemas.js';
import type { ForecastService } from './forecast.service.js';

export function registerForecastRoutes(app: App, deps: { forecast: ForecastService }): void {
  app.get(
    '/api/v1/reports/forecast',
    {
      config: { auth: 'manager' },
      schema: {
        operationId: 'getForecast',
        summary: 'Projected arrivals, backlog and breaches against staffing',
        tags: ['reports'],
        response: declareResponses({ 200: liveForecastSchema }),
        querystring: z.object({ days: z.coerce.number().int().min(1).max(90).optional() }),
      },
    },
    async (request) => deps.forecast.forecast({ days: request.query.days }),
  );
}
