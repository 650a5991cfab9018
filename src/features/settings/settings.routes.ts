// GET /api/v1/settings: the loaded configuration, read-only. (GET /api/v1/templates is the comms feature's.)
import type { App } from '../../http/route-types.js';
import type { SettingsService } from './settings.service.js';

export function registerSettingsRoutes(app: App, deps: { settings: SettingsService }): void {
  app.get('/api/v1/settings', { config: { auth: 'agent' }, schema: { tags: ['settings'] } }, async () => deps.settings.getSettings());
}
