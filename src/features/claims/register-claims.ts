// Wires claims into Kept: the API routes and the public forms. Its bus handler (a delivery exception opens
// a claim) is the service's `onEventIngested`, subscribed in app.ts; the engine's reminder for a document is
// document-reminder.ts.
import type { App } from '../../http/route-types.js';
import type { ClaimsSettings } from './claim.js';
import { registerClaimRoutes } from './claim.routes.js';
import type { ClaimService } from './claim.service.js';
import type { FormPages } from './form-html.js';
import { registerFormRoutes } from './form.routes.js';

/** Registers claims' routes and the /forms/{token} pages (with other features' forms: surveys). */
export async function registerClaims(app: App, options: { claims: ClaimService; settings: ClaimsSettings; otherForms: FormPages[] }): Promise<void> {
  registerClaimRoutes(app, { claims: options.claims });
  await registerFormRoutes(app, { claims: options.claims, settings: options.settings, otherForms: options.otherForms });
}
