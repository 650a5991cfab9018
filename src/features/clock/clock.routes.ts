// GET/POST /api/v1/clock: read the server's time; with KEPT_CLOCK=manual, move it and fire what falls due.
import { z } from 'zod';
import type { App } from '../../http/route-types.js';
import type { ClockService } from './clock.service.js';

export function registerClockRoutes(app: App, deps: { clock: ClockService }): void {
  app.get('/api/v1/clock', { config: { auth: 'agent' }, schema: { tags: ['clock'] } }, async () => ({ now: deps.clock.now().toISOString(), mode: deps.clock.mode }));
  app.post(
    '/api/v1/clock',
    {
      config: { auth: 'admin' },
      schema: {
        tags: ['clock'],
        body: z.union([z.object({ advance_seconds: z.number().min(0).max(10 * 365 * 86_400) }), z.object({ to: z.iso.datetime({ offset: true }) })]),
      },
    },
    async (request) => {
      const body = request.body;
      const now = await deps.clock.advance('to' in body ? { to: new Date(body.to) } : { advanceSeconds: body.advance_seconds });
      return { now: now.toISOString(), mode: deps.clock.mode };
    },
  );
}
