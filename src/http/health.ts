// The answer of GET /api/v1/health.
import { z } from 'zod';
import { declareResponses } from './responses.js';

export const healthResponse = declareResponses({ 200: z.object({ ok: z.literal(true), store: z.enum(['pglite', 'postgres']) }) });
