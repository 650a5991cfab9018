// GET /api/v1/search?q=: one ranked list over customers, orders, cases and message text.
import { z } from 'zod';
import type { App } from '../../http/route-types.js';
import { maxQueryChars } from './search.js';
import type { SearchService } from './search.service.js';

export const searchResultSchema = z.object({
  query: z.string(),
  items: z.array(
    z.object({
      type: z.enum(['customer', 'order', 'case', 'message']),
      id: z.string().meta({ description: 'The customer, case or message id; the order number for an order' }),
      title: z.string(),
      matched: z.object({ field: z.string(), text: z.string(), ranges: z.array(z.tuple([z.number().int(), z.number().int()])).meta({ description: '[start, end) of each match in text' }) }),
      score: z.number(),
      customer_id: z.string().nullable(),
      case_id: z.string().nullable(),
      order_number: z.string().nullable(),
    }),
  ),
});

export function registerSearchRoutes(app: App, deps: { search: SearchService }): void {
  app.get(
    '/api/v1/search',
    {
      config: { auth: 'agent' },
      schema: {
        operationId: 'search',
        tags: ['search'],
        summary: 'Finds customers (name, email, phone, handle), orders (number, tracking number, last digits), cases (subject, number) and messages (text), ranked, with what matched',
        querystring: z.object({
          q: z.string().trim().min(2, 'at least 2 characters').max(maxQueryChars),
          limit: z.coerce.number().int().min(1).max(50).default(20),
        }),
        response: { 200: searchResultSchema },
      },
    },
    async (request) => deps.search.search({ q: request.query.q, limit: request.query.limit }),
  );
}
