// Wires surveys into Kept: the bus handlers (deliveries and resolutions invite; responses and delivered
// agent messages feed the loop), the API routes; returns the survey forms for /forms/{token}.
import type { Logger } from 'pino';
import type { Db } from '../../db/create-db.js';
import type { DomainBus } from '../../domain-events.js';
import type { App } from '../../http/route-types.js';
import type { Clock } from '../../shared/clock.js';
import type { CaseService } from '../cases/case.service.js';
import type { OutboxService } from '../comms/outbox.service.js';
import type { IngestService } from '../events/ingest.service.js';
import type { FormPages } from '../claims/form-html.js';
import { surveysSettingsFrom, type SurveysSection } from './survey.js';
import { createSurveyFormPages, registerSurveyRoutes } from './survey.routes.js';
import { createSurveyService, type SurveyService } from './survey.service.js';

export interface RegisterSurveysOptions {
  db: Db;
  clock: Clock;
  bus: DomainBus;
  cases: CaseService;
  outbox: OutboxService;
  ingest: IngestService;
  logger: Logger;
  publicUrl: string;
  /** The parsed `surveys:` section of kept.config.yaml; defaults when absent. */
  section: SurveysSection | undefined;
}

/** Registers surveys' handlers and routes; the returned forms are served by registerClaims at /forms/{token}. */
export function registerSurveys(app: App, options: RegisterSurveysOptions): { surveys: SurveyService; forms: FormPages } {
  const surveys = createSurveyService({ ...options, settings: surveysSettingsFrom(options.section) });
  options.bus.on('event.ingested', surveys.onEventIngested);
  options.bus.on('case.changed', surveys.onCaseChanged);
  options.bus.on('message.delivered', surveys.onMessageDelivered);
  registerSurveyRoutes(app, { surveys, clock: options.clock });
  return { surveys, forms: createSurveyFormPages(surveys) };
}
