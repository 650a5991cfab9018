// GET/POST /api/v1/clock: read the server's time; with KEPT_CLOCK=manual, move it and fire what falls due.
import { z } from 'zod';
import { declareResponses, errorResponses } from '../../http/responses.js';
import type { App } from '../../http/route-types.js';

const clockSchema = z.object({ now: z.string().meta({ format: 'date-time' }), mode: z.enum(['system', 'manual']) }).meta({ id: 'Clock' });
import type { ClockService } from './clock.service.js';

export function registerClockRoutes(app: App, deps: { clock: ClockService }): void {
  app.get(
    '/api/v1/clock',
    { config: { auth: 'agent' }, schema: { operationId: 'getClock', summary: "Kept's time and whether it is manual", tags: ['clock'], response: declareResponses({ 200: clockSchema }) } },
    async () => ({ now: deps.clock.now().toISOString(), mode: deps.clock.mode }),
  );
  app.post(
    '/api/v1/clock',
    {
      config: { auth: 'admin' },
      schema: {
        operationId: 'advanceClock',
        summary: 'Move the manual clock; answers after every timer due in the span has fired',
        tags: ['clock'],
        response: declareResponses({ 200: clockSchema, ...errorResponses(409) }),
        body: z.union([
          z.object({
            advance_seconds: z
              .number()
              .min(0)
              .max(10 * 365 * 86_400),
          }),
          z.object({ to: z.iso.datetime({ offset: true }) }),
        ]),
      },
    },
    async (request) => {
      const body = request.body;
      const now = await deps.clock.advance('to' in body ? { to: new Date(body.to) } : { advanceSeconds: body.advance_seconds });
      return { now: now.toISOString(), mode: deps.clock.mode };
    },
  );
}
