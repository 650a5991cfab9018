// Plugs one voice into Kept: builds its services from the configuration, and (once the app exists) its bus
// handlers, routes and the after-commit delivery of what it queued. app.ts calls these two functions only.
import type { Logger } from 'pino';
import type { Config } from '../../config/config.js';
import type { Db } from '../../db/create-db.js';
import type { DomainBus } from '../../domain-events.js';
import type { App } from '../../http/route-types.js';
import type { Clock } from '../../shared/clock.js';
import type { ClockService } from '../clock/clock.service.js';
import { resolveCommsConfig } from './comms-config.js';
import { createOneVoiceService, type OneVoiceOptions } from './one-voice.service.js';
import { registerOneVoiceRoutes } from './one-voice.routes.js';
import type { OutboxService } from './outbox.service.js';
import { createStatusPageService, type OrderNotes } from './status-page.service.js';

/** Builds the one-voice services: pass `oneVoice.auditReply` and `oneVoice.renderReplyTemplate` to the reply service. */
export function createOneVoice(deps: { config: Config; db: Db; clock: Clock; bus: DomainBus; logger: Logger; outbox: OutboxService; describeTemplate?: OneVoiceOptions['describeTemplate']; orderNotes?: OrderNotes }) {
  const comms = resolveCommsConfig(deps.config.file);
  const publicUrl = deps.config.file.kept.public_url;
  const defaultZone = deps.config.file.kept.default_time_zone;
  const oneVoice = createOneVoiceService({ db: deps.db, clock: deps.clock, bus: deps.bus, logger: deps.logger, outbox: deps.outbox, comms, publicUrl, defaultZone, ...(deps.describeTemplate ? { describeTemplate: deps.describeTemplate } : {}) });
  const statusPages = createStatusPageService({ db: deps.db, reasons: comms.reasons, defaultZone, orderNotes: deps.orderNotes });
  return { oneVoice, statusPages, outbox: deps.outbox, comms };
}

export type OneVoice = ReturnType<typeof createOneVoice>;

/**
 * Registers the acknowledgement and fallback handlers, the status page and template routes, and delivery
 * after commit: on `live.case_updated` (emitted after each ingest and reply) and `transaction.committed`
 * (the engine's timer fires), after every manual-clock advance, and every few seconds on the real clock (retries, and messages queued by other processes).
 * Returns `stop()` for shutdown.
 */
export function registerOneVoice(deps: { app: App; bus: DomainBus; clock: ClockService; logger: Logger; oneVoice: OneVoice; sweepEveryMs?: number }): { stop(): void } {
  const { bus, logger } = deps;
  const { oneVoice, statusPages, outbox } = deps.oneVoice;
  bus.on('message.recorded', (payload) => oneVoice.acknowledge(payload));
  bus.on('commitment.fallback_due', (payload) => oneVoice.sendFallback(payload));
  const deliverPending = async () => {
    await outbox.deliverPending();
  };
  bus.on('live.case_updated', deliverPending);
  bus.on('transaction.committed', deliverPending);
  registerOneVoiceRoutes(deps.app, { oneVoice, statusPages });
  deps.clock.registerTimerRunner(async () => {
    await outbox.deliverPending();
    await outbox.deliverDue();
  });
  if (deps.clock.mode !== 'system') return { stop() {} };
  const sweep = setInterval(() => {
    outbox.deliverDue().catch((error: unknown) => logger.error({ err: error }, 'outbox delivery sweep failed'));
  }, deps.sweepEveryMs ?? 5_000);
  sweep.unref();
  return { stop: () => clearInterval(sweep) };
}
