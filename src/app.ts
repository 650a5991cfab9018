// The composition root: builds the store, services, engine and transports, and registers routes and
// handlers. It never listens: main.ts and the tests decide that (fastify/demo keeps app and server apart).
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import type { Config } from './config/config.js';
import { createStore, type Store } from './db/create-db.js';
import { startWalCheckpoints } from './db/wal-checkpoints.js';
import { createDomainBus } from './domain-events.js';
import { registerAuth, type RouteAccess } from './http/auth.js';
import { createBufferedLogger } from './http/log-destination.js';
import { RequestLogController } from './http/request-log.js';
import { registerErrorHandling } from './http/error-handler.js';
import { registerInputGuard } from './http/input-guard.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import { registerSameOriginForms } from './http/same-origin-forms.js';
import { registerConsole } from './http/console.js';
import { registerOpenApi } from './http/openapi.js';
import type { App } from './http/route-types.js';
import { createManualClock, createSystemClock, type Clock } from './shared/clock.js';
import { createAgentService } from './features/agents/agent.service.js';
import { registerAgentRoutes } from './features/agents/agent.routes.js';
import { createAgentAccessService } from './features/agents/agent-access.service.js';
import { registerAgentAccessRoutes } from './features/agents/agent-access.routes.js';
import { createCaseService } from './features/cases/case.service.js';
import { registerCaseRoutes } from './features/cases/case.routes.js';
import { createReplyService } from './features/cases/reply.service.js';
import { createClockService } from './features/clock/clock.service.js';
import { registerClockRoutes } from './features/clock/clock.routes.js';
import { createOutboxService } from './features/comms/outbox.service.js';
import { registerOutboxRoutes } from './features/comms/outbox.routes.js';
import { createCaptureTransport, type MessageTransport } from './features/comms/transport.js';
import { registerChannels, type Channels } from './channels/register-channels.js';
import { createOneVoice, registerOneVoice } from './features/comms/register-one-voice.js';
import { registerCommitmentEngineRoutes, registerCommitmentReadRoutes } from './features/commitments/commitment.routes.js';
import { createCommitmentEngine, type CommitmentEngine } from './features/commitments/register-commitment-engine.js';
import { buildEngineConfig } from './features/commitments/engine-config.js';
import { commitmentConfigOf } from './features/commitments/policy-defaults.js';
import { createPromiseService } from './features/promises/promise.service.js';
import { registerPromiseRoutes } from './features/promises/promise.routes.js';
import { promisesSectionOf, templateReadingOf } from './features/promises/promise-config.js';
import { readTemplatePromises } from './features/promises/template-promises.js';
import { createCustomerService } from './features/customers/customer.service.js';
import { registerCustomerRoutes } from './features/customers/customer.routes.js';
import { createTimelineService } from './features/customers/timeline.service.js';
import { registerEventRoutes } from './features/events/event.routes.js';
import { createIngestService } from './features/events/ingest.service.js';
import { createOrderService } from './features/orders/order.service.js';
import { createLiveService } from './features/live/live.service.js';
import { startLiveRelay } from './features/live/live-relay.js';
import { registerLiveRoutes } from './features/live/live.routes.js';
import { createReportService } from './features/reports/report.service.js';
import { registerReportRoutes } from './features/reports/report.routes.js';
import { createSettingsService } from './features/settings/settings.service.js';
import { registerSettingsRoutes } from './features/settings/settings.routes.js';
import { caseNotesView, createSignals, registerSignals } from './features/signals/register-signals.js';
import { defaultForecastSection } from './features/forecast/forecast-config.js';
import { createForecastService } from './features/forecast/forecast.service.js';
import { registerForecastRoutes } from './features/forecast/forecast.routes.js';
import { claimsSettingsFrom } from './features/claims/claim.js';
import { claimDocumentsView, createClaimService } from './features/claims/claim.service.js';
import { createDocumentReminderSender } from './features/claims/document-reminder.js';
import { createAssistService } from './features/assist/assist.service.js';
import { registerAssistRoutes } from './features/assist/assist.routes.js';
import { caseCaveatsView, createCaveatService, createCaveatStatusNotes, createDisclosureSender } from './features/caveats/register-caveats.js';
import { createSearchService } from './features/search/search.service.js';
import { registerSearchRoutes } from './features/search/search.routes.js';
import { registerClaims } from './features/claims/register-claims.js';
import { registerSurveys } from './features/surveys/register-surveys.js';
import { caseAttachmentsView, readAttachmentFile } from './channels/email/attachment.service.js';
import { surveysSettingsFrom } from './features/surveys/survey.js';
import { createSurveyService } from './features/surveys/survey.service.js';
import { registerConnectors } from './features/connectors/register-connectors.js';
import type { ConnectorService } from './features/connectors/connector.service.js';
import { createConnectorHealth } from './features/connectors/connector-health.js';
import { registerHealth } from './features/health/register-health.js';
import { registerHealthMetrics } from './features/health/health-metrics.js';
import { registerBackupRoutes } from './features/backup/backup.routes.js';
import type { HealthRegistry } from './shared/health.js';

export interface BuildAppOptions {
  config: Config;
  /** A store opened by the caller (tests share one); otherwise one is opened from the config. */
  store?: Store;
  logger?: Logger;
  /** Start time of a manual clock; defaults to the real time at start. */
  clockStart?: Date;
  /** Check every answer against its declared response schema (tests); a mismatch is a 500. */
  checkResponses?: boolean;
  /** Where the built console is; defaults to web/dist. */
  consoleDistDir?: string;
}

export interface Kept {
  app: App;
  store: Store;
  clock: Clock;
  logger: Logger;
  services: ReturnType<typeof buildServices>;
  /** Email, web form, social, SMS and phone; main.ts starts (SMTP, pollers, retries) and close() stops them. */
  channels: Channels;
  commitments: CommitmentEngine;
  /** GET /api/v1/health's parts; a feature wired later adds its own with health.add(name, contributor). */
  health: HealthRegistry;
  /** Every registered route with the access it declared (filled when the app is ready). */
  routes: RouteAccess[];
  /** Shop webhooks (docs/connectors.md); `idle()` waits until every delivery received is mapped, `stop()` at close. */
  connectors: ConnectorService;
  /** Printed once at first start when no KEPT_ADMIN_TOKEN is set. */
  createdAdminToken: string | undefined;
  /** Writes out buffered log lines now (before a process exits without close()). */
  flushLogs(): void;
  close(): Promise<void>;
}

/**
 * Every service, built in dependency order: each gets what it needs as it is made, and nothing is patched
 * in afterwards. The engine comes after the features whose messages it sends (its fallback senders, one per
 * commitment kind) and before the features that open and keep commitments through its ports.
 */
function buildServices(options: { config: Config; store: Store; clock: Clock; logger: Logger }) {
  const { config, store, clock, logger } = options;
  const db = store.db;
  const publicUrl = config.file.kept.public_url;
  const bus = createDomainBus();
  const clockService = createClockService({ clock });
  const agents = createAgentService({ db, clock, logger, publicUrl });
  const access = createAgentAccessService({ db, clock, forgetCachedPrincipals: agents.forgetCachedPrincipals });
  const customers = createCustomerService({ db });
  const orders = createOrderService({ db });
  const cases = createCaseService({ db, clock, bus, publicUrl, viewExtensions: [caseNotesView, claimDocumentsView, caseAttachmentsView, caseCaveatsView], writes: store.writes });
  const signals = createSignals({ db, clock, bus, cases, logger, config });
  const capture = createCaptureTransport();
  const transports: Partial<Record<string, MessageTransport>> = {};
  const outbox = createOutboxService({ db, clock, bus, logger, transports, fallbackTransport: capture });
  const promiseSection = promisesSectionOf(config.file);
  // Kept's own templates are read for promises once; GET /api/v1/templates lists them.
  const templateReading = templateReadingOf({ engine: buildEngineConfig(commitmentConfigOf(config.file)), section: promiseSection });
  const promiseCalendar = templateReading?.calendar;
  const defaultZone = config.file.kept.default_time_zone;
  const oneVoice = createOneVoice({
    config,
    db,
    clock,
    bus,
    logger,
    outbox,
    orderNotes: createCaveatStatusNotes({ defaultZone }),
    describeTemplate: (template) => ({ promises: templateReading ? readTemplatePromises(template, templateReading) : [] }),
  });
  const engine = createCommitmentEngine({
    config,
    db,
    clock,
    bus,
    logger,
    clockService,
    // One sender per kind: the reason's fallback for an order change, the claim's reminder for a document.
    fallbackSenders: {
      notify: oneVoice.oneVoice.sendFallback,
      document: createDocumentReminderSender({ clock, bus, outbox, publicUrl }),
      disclose: createDisclosureSender({ clock, bus, outbox, publicUrl, defaultZone }),
    },
    acknowledgementAllowed: oneVoice.oneVoice.acknowledgementAllowed,
  });
  const commitmentPorts = { openCommitment: engine.service.openCommitment, keepCommitment: engine.service.keepCommitment };
  const promises = createPromiseService({
    clock,
    defaultTimeZone: config.file.kept.default_time_zone,
    vagueDeadlineHours: promiseSection.vague_deadline_business_hours,
    atRiskLeadMinutes: promiseSection.at_risk_lead_minutes,
    ...(promiseCalendar ? { calendar: promiseCalendar } : {}),
    ...commitmentPorts,
    publicUrl,
    recordPromises: outbox.recordPromises,
    reviseCommitment: engine.service.revise,
  });
  const replies = createReplyService({
    db,
    clock,
    bus,
    cases,
    outbox,
    checks: [oneVoice.oneVoice.auditReply, ...signals.replyChecks],
    onRecorded: [promises.onReplyRecorded],
    onPreview: [promises.onReplyPreview],
    renderTemplate: oneVoice.oneVoice.renderReplyTemplate,
    recordActingFor: (tx, input) =>
      access.recordActingFor(tx, { actor: input.actor, action: 'reply.sent_for', targetType: 'message', targetId: input.messageId, forAgentId: input.authorId, at: input.at }),
  });
  const ingest = createIngestService({ db, clock, bus, cases, logger });
  const timeline = createTimelineService({ db, getCustomerId: async (id) => (await customers.getCustomer(id)).id });
  const live = createLiveService();
  const caveats = createCaveatService({ db, clock, logger, defaultZone, catalog: config.file.caveats ?? [], commitments: commitmentPorts });
  const reports = createReportService({ db, clock, caveatCounts: caveats.countCaveats });
  const assist = createAssistService({ db, reasons: oneVoice.comms.reasons, defaultZone });
  const settings = createSettingsService({ file: config.file, configPath: config.configPath });
  const forecast = createForecastService({ db, clock, section: config.file.forecast ?? defaultForecastSection });
  const featureDeps = { db, clock, bus, cases, outbox, ingest, logger, publicUrl };
  const surveys = createSurveyService({ ...featureDeps, settings: surveysSettingsFrom(config.file.surveys) });
  const claimSettings = claimsSettingsFrom(config.file.claims);
  const claims = createClaimService({ ...featureDeps, settings: claimSettings, commitments: commitmentPorts, readAttachment: (id) => readAttachmentFile(db, id) });
  return {
    bus,
    agents,
    access,
    customers,
    orders,
    cases,
    signals,
    outbox,
    replies,
    ingest,
    timeline,
    clock: clockService,
    capture,
    live,
    reports,
    settings,
    forecast,
    oneVoice,
    promises,
    transports,
    engine,
    surveys,
    claims,
    claimSettings,
    caveats,
    assist,
  };
}

type Services = ReturnType<typeof buildServices>;

/**
 * Every bus subscription, in the order its handlers run (the bus awaits them in this order). In-transaction
 * events first, each handler given the fact and the emitter's transaction: what a message or an event means is
 * read (signals, promises), then the engine decides, then the features that act on its decisions (surveys,
 * claims, the acknowledgement). Then the after-commit `live.*`, given the fact alone.
 */
function subscribe(services: Services): void {
  const { bus, signals, promises, engine, surveys, claims, oneVoice, live, caveats } = services;
  const commitments = engine.service;
  bus.on('batch.started', commitments.onBatchStarted);
  bus.on('batch.ending', commitments.onBatchEnding);

  bus.on('event.ingested', promises.handlers.onAttachmentsSent);
  bus.on('event.ingested', promises.handlers.onRefundIssued);
  bus.on('event.ingested', commitments.onEventIngested);
  bus.on('event.ingested', surveys.onEventIngested);
  bus.on('event.ingested', claims.onEventIngested);
  bus.on('event.ingested', caveats.onEventIngested);

  bus.on('message.recorded', signals.signals.onMessageRecorded);
  bus.on('message.recorded', promises.handlers.onExternalMessageRecorded);
  bus.on('message.recorded', promises.handlers.onCallRecorded);
  bus.on('message.recorded', commitments.onMessageRecorded);
  bus.on('message.recorded', oneVoice.oneVoice.acknowledge);

  bus.on('message.delivered', promises.handlers.onAutomaticDelivered);
  bus.on('message.delivered', promises.handlers.onPersonDelivered);
  bus.on('message.delivered', promises.handlers.onFormLinkDelivered);
  bus.on('message.delivered', commitments.onMessageDelivered);
  bus.on('message.delivered', surveys.onMessageDelivered);
  bus.on('message.delivered', caveats.onMessageDelivered);

  // A bounce: what the failed message kept is owed again (the one move out of `kept`).
  bus.on('message.failed', commitments.onMessageFailed);

  bus.on('case.changed', signals.assignment.onCaseChanged);
  bus.on('case.changed', commitments.onCaseChanged);
  bus.on('case.changed', surveys.onCaseChanged);

  bus.on('signal.detected', commitments.onSignalDetected);

  bus.on('commitments.moved', signals.signals.onCommitmentsMoved);

  bus.on('live.case_updated', live.onCaseUpdated);
  bus.on('live.commitment_updated', live.onCommitmentUpdated);
}

export async function buildApp(options: BuildAppOptions): Promise<Kept> {
  const { config } = options;
  const ownLogger = options.logger ? undefined : createBufferedLogger({ level: config.env.KEPT_LOG_LEVEL, base: { service: 'kept' } });
  const logger = options.logger ?? ownLogger!.logger;
  const store =
    options.store ??
    (await createStore({
      databaseUrl: config.env.DATABASE_URL,
      dataDir: config.env.KEPT_DATA_DIR,
      onConnectionError: (error) => logger.warn({ err: error }, 'database connection lost; the pool opens a new one'),
    }));
  // The embedded store has no checkpointer of its own (src/db/wal-checkpoints.ts).
  const checkpoints = store.dialect === 'pglite' ? startWalCheckpoints({ db: store.db, onError: (error) => logger.error({ err: error }, 'checkpoint failed') }) : undefined;
  const clock = config.env.KEPT_CLOCK === 'manual' ? createManualClock(options.clockStart ?? new Date()) : createSystemClock();
  const services = buildServices({ config, store, clock, logger });
  subscribe(services);
  const createdAdminToken = await services.agents.ensureAdminToken(config.env.KEPT_ADMIN_TOKEN);

  const app: App = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    logController: new RequestLogController(),
    bodyLimit: 1024 * 1024,
    return503OnClosing: true,
  }).withTypeProvider<ZodTypeProvider>();
  registerErrorHandling(app);
  registerInputGuard(app);
  await registerSecurityHeaders(app);
  registerSameOriginForms(app, { publicUrl: config.file.kept.public_url });
  const access = registerAuth(app, { agents: services.agents, metricsToken: config.env.KEPT_METRICS_TOKEN });
  const { health } = registerHealth(app, { store, clock, logger, minFreeMb: config.env.KEPT_MIN_FREE_MB });
  registerBackupRoutes(app, { store });
  await registerOpenApi(app, { checkResponses: options.checkResponses ?? false });
  await app.register(rateLimit, { global: false });
  registerEventRoutes(app, { ingest: services.ingest, clock });
  registerCustomerRoutes(app, { customers: services.customers, timeline: services.timeline, orders: services.orders, clock });
  registerCaseRoutes(app, { cases: services.cases, replies: services.replies });
  registerAssistRoutes(app, { assist: services.assist });
  registerSearchRoutes(app, { search: createSearchService({ db: store.db }) });
  registerAgentRoutes(app, { agents: services.agents });
  registerAgentAccessRoutes(app, { access: services.access });
  registerClockRoutes(app, { clock: services.clock });
  registerOutboxRoutes(app, { outbox: services.outbox });
  registerCommitmentReadRoutes(app, { db: store.db });
  registerCommitmentEngineRoutes(app, { commitments: services.engine.service, registry: services.engine.registry });
  const commitments = services.engine;
  registerHealthMetrics(commitments.registry, { health, clock });
  registerPromiseRoutes(app, { promises: services.promises });
  registerLiveRoutes(app, { live: services.live });
  if (store.notifications) {
    const relay = await startLiveRelay({
      notifications: store.notifications,
      onRemote: services.live.broadcastRemote,
      onError: (error, what) => logger.warn({ err: error }, what),
    });
    services.live.useRelay(relay);
  }
  registerReportRoutes(app, { reports: services.reports });
  registerForecastRoutes(app, { forecast: services.forecast });
  registerSettingsRoutes(app, { settings: services.settings });
  registerSignals(app, { feature: services.signals, clock, logger });
  const surveys = registerSurveys(app, { surveys: services.surveys, clock });
  await registerClaims(app, { claims: services.claims, settings: services.claimSettings, otherForms: [surveys.forms] });
  registerOneVoice({ app, oneVoice: services.oneVoice });
  const channels = await registerChannels(app, { config, db: store.db, clock, logger, services, transports: services.transports });
  const connectors = await registerConnectors({ app, config, db: store.db, clock, logger, ingest: services.ingest });
  health.add('connectors', createConnectorHealth({ connectors }));
  await registerConsole(app, options.consoleDistDir ? { distDir: options.consoleDistDir } : {});

  const ownsStore = !options.store;
  return {
    app,
    store,
    clock,
    logger,
    services,
    channels,
    commitments,
    health,
    routes: access.routes,
    connectors,
    createdAdminToken,
    flushLogs: () => ownLogger?.flush(),
    async close() {
      await channels.stop();
      await connectors.stop();
      services.live.stopRelay();
      await app.close();
      await commitments.close();
      await checkpoints?.stop();
      if (ownsStore) await store.close();
      ownLogger?.stop();
    },
  };
}
