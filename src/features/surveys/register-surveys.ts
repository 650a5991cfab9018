// Wires surveys into Kept: the API routes, and the survey forms for /forms/{token}. Its bus handlers
// (deliveries and resolutions invite; responses and delivered agent messages feed the loop) are the
// service's `onEventIngested`, `onCaseChanged` and `onMessageDelivered`, subscribed in app.ts.
import type { App } from '../../http/route-types.js';
import type { Clock } from '../../shared/clock.js';
import type { FormPages } from '../claims/form-html.js';
import { createSurveyFormPages, registerSurveyRoutes } from './survey.routes.js';
import type { SurveyService } from './survey.service.js';

/** Registers surveys' routes; the returned forms are served by registerClaims at /forms/{token}. */
export function registerSurveys(app: App, options: { surveys: SurveyService; clock: Clock }): { forms: FormPages } {
  registerSurveyRoutes(app, { surveys: options.surveys, clock: options.clock });
  return { forms: createSurveyFormPages(options.surveys) };
}
