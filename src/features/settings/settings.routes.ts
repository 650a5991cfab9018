// GET /api/v1/settings and /api/v1/templates: the loaded configuration, read-only.
import type { App } from '../../http/route-types.js';
import type { SettingsService } from './settings.service.js';

export function registerSettingsRoutes(app: App, deps: { settings: SettingsService }): void {
  app.get('/api/v1/settings', { schema: { tags: ['settings'] } }, async () => deps.settings.getSettings());
  app.get('/api/v1/templates', { schema: { tags: ['settings'] } }, async () => deps.settings.listTemplates());
}
