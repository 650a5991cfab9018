// GET /api/v1/settings: the loaded configuration, read-only. (GET /api/v1/templates is the comms feature's.)
import { z } from 'zod';
import { declareResponses } from '../../http/responses.js';
import type { App } from '../../http/route-types.js';

const settingsSchema = z
  .looseObject({
    config_path: z.string(),
    errors: z.array(z.object({ file: z.string().optional(), line: z.number().optional(), field: z.string().optional(), message: z.string() })),
  })
  .meta({ description: 'Each section of kept.config.yaml by its name (policies, calendars, reasons, templates…), secrets masked' });
import type { SettingsService } from './settings.service.js';

export function registerSettingsRoutes(app: App, deps: { settings: SettingsService }): void {
  app.get(
    '/api/v1/settings',
    { config: { auth: 'agent' }, schema: { operationId: 'getSettings', summary: 'The loaded configuration, secrets masked', tags: ['settings'], response: declareResponses({ 200: settingsSchema }) } },
    async () => deps.settings.getSettings(),
  );
}
