// Plugs one voice into Kept: builds its services from the configuration, and (once the app exists) its
// routes. app.ts calls these two functions, and subscribes its acknowledgement.
import type { Logger } from 'pino';
import type { Config } from '../../config/config.js';
import type { Db } from '../../db/create-db.js';
import type { DomainBus } from '../../domain-events.js';
import type { App } from '../../http/route-types.js';
import type { Clock } from '../../shared/clock.js';
import { resolveCommsConfig } from './comms-config.js';
import { createOneVoiceService, type OneVoiceOptions } from './one-voice.service.js';
import { registerOneVoiceRoutes } from './one-voice.routes.js';
import type { OutboxService } from './outbox.service.js';
import { createStatusPageService, type OrderNotes } from './status-page.service.js';

/** Builds the one-voice services: pass `oneVoice.auditReply` and `oneVoice.renderReplyTemplate` to the reply service. */
export function createOneVoice(deps: {
  config: Config;
  db: Db;
  clock: Clock;
  bus: DomainBus;
  logger: Logger;
  outbox: OutboxService;
  describeTemplate?: OneVoiceOptions['describeTemplate'];
  orderNotes?: OrderNotes;
}) {
  const comms = resolveCommsConfig(deps.config.file);
  const publicUrl = deps.config.file.kept.public_url;
  const defaultZone = deps.config.file.kept.default_time_zone;
  const { per_address: perAddress, window_minutes: windowMinutes } = deps.config.file.channels.email.acknowledgements;
  const emailAcknowledgements = { perAddress, windowMs: windowMinutes * 60_000 };
  const oneVoice = createOneVoiceService({
    db: deps.db,
    clock: deps.clock,
    bus: deps.bus,
    logger: deps.logger,
    outbox: deps.outbox,
    comms,
    publicUrl,
    defaultZone,
    emailAcknowledgements,
    ...(deps.describeTemplate ? { describeTemplate: deps.describeTemplate } : {}),
  });
  const statusPages = createStatusPageService({ db: deps.db, reasons: comms.reasons, defaultZone, orderNotes: deps.orderNotes });
  return { oneVoice, statusPages, outbox: deps.outbox, comms };
}

export type OneVoice = ReturnType<typeof createOneVoice>;

/**
 * Registers the status page and template routes. The acknowledgement (`oneVoice.acknowledge`, on
 * 'message.recorded') is subscribed in app.ts and the fallback (`oneVoice.sendFallback`) is the engine's
 * sender for notify commitments; delivery belongs to the outbox (after each commit, and its one sweep).
 */
export function registerOneVoice(deps: { app: App; oneVoice: OneVoice }): void {
  const { oneVoice, statusPages } = deps.oneVoice;
  registerOneVoiceRoutes(deps.app, { oneVoice, statusPages });
}
