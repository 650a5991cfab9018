// Wires claims into Kept: the bus handlers (delivery exceptions open claims; the engine's document
// callbacks send reminders), the API routes and the public forms.
import type { Logger } from 'pino';
import type { Db } from '../../db/create-db.js';
import type { DomainBus } from '../../domain-events.js';
import type { App } from '../../http/route-types.js';
import type { Clock } from '../../shared/clock.js';
import type { CaseService } from '../cases/case.service.js';
import type { OutboxService } from '../comms/outbox.service.js';
import type { IngestService } from '../events/ingest.service.js';
import { claimsSettingsFrom, type ClaimsSection } from './claim.js';
import { registerClaimRoutes } from './claim.routes.js';
import { createClaimService, type ClaimService, type ClaimServiceDeps } from './claim.service.js';
import type { FormPages } from './form-html.js';
import { registerFormRoutes } from './form.routes.js';

export interface RegisterClaimsOptions {
  db: Db;
  clock: Clock;
  bus: DomainBus;
  cases: CaseService;
  outbox: OutboxService;
  ingest: IngestService;
  logger: Logger;
  publicUrl: string;
  /** The parsed `claims:` section of kept.config.yaml; defaults when absent. */
  section: ClaimsSection | undefined;
  /** Other features' forms served at /forms/{token} (surveys). */
  otherForms: FormPages[];
  /** Files customers emailed, for an agent to accept as a document. */
  readAttachment?: ClaimServiceDeps['readAttachment'];
}

/** Registers claims' handlers, routes and the /forms/{token} pages; returns the claim service. */
export async function registerClaims(app: App, options: RegisterClaimsOptions): Promise<ClaimService> {
  const settings = claimsSettingsFrom(options.section);
  const claims = createClaimService({ ...options, settings });
  options.bus.on('event.ingested', claims.onEventIngested);
  options.bus.on('commitment.fallback_due', claims.onFallbackDue);
  registerClaimRoutes(app, { claims });
  await registerFormRoutes(app, { claims, settings, otherForms: options.otherForms });
  return claims;
}
