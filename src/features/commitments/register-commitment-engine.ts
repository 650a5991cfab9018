// Wires the commitment engine into Kept: builds it from the config, hands it the bus events it acts on,
// runs the scheduler (started on the real clock, driven by POST /api/v1/clock on the manual one), and
// registers the waive and metrics routes. app.ts calls this once.
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import { collectDefaultMetrics, Registry } from 'prom-client';
import type { Config } from '../../config/config.js';
import type { Db } from '../../db/create-db.js';
import type { DomainBus } from '../../domain-events.js';
import type { App } from '../../http/route-types.js';
import type { Clock } from '../../shared/clock.js';
import type { ClockService } from '../clock/clock.service.js';
import { countCommitments } from './commitment.repo.js';
import { registerCommitmentEngineRoutes } from './commitment.routes.js';
import { createCommitmentService, type CommitmentService, type CommitmentServiceDeps } from './commitment.service.js';
import { buildEngineConfig } from './engine-config.js';
import { createCommitmentMetrics } from './metrics.js';
import { commitmentConfigOf } from './policy-defaults.js';
import { createScheduler, type Scheduler, type SchedulerOptions } from './scheduler.js';
import { createTimerStore } from './timer.repo.js';

export interface CommitmentEngine {
  service: CommitmentService;
  scheduler: Scheduler;
  registry: Registry;
  /** Stops the scheduler and waits for the timer being fired. */
  close(): Promise<void>;
}

export interface RegisterCommitmentEngineOptions {
  app: App;
  config: Config;
  db: Db;
  clock: Clock;
  bus: DomainBus;
  logger: Logger;
  clockService: ClockService;
  scheduler?: Partial<Pick<SchedulerOptions, 'windowMs' | 'refillEveryMs' | 'batchSize' | 'leaseMs' | 'concurrency' | 'owner'>>;
  webhookOptions?: CommitmentServiceDeps['webhookOptions'];
}

/** Builds and wires the engine; see docs/commitments.md ("Wiring"). */
export function registerCommitmentEngine(options: RegisterCommitmentEngineOptions): CommitmentEngine {
  const { app, config, db, clock, bus, logger } = options;
  const engine = buildEngineConfig(commitmentConfigOf(config.file));
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const metrics = createCommitmentMetrics(registry, { countCommitments: () => countCommitments(db) });

  const service = createCommitmentService({ db, clock, bus, logger, engine, ...(options.webhookOptions ? { webhookOptions: options.webhookOptions } : {}) });
  bus.on('batch.started', service.onBatchStarted);
  bus.on('batch.ending', service.onBatchEnding);
  bus.on('event.ingested', service.onEventIngested);
  bus.on('message.recorded', service.onMessageRecorded);
  bus.on('message.delivered', service.onMessageDelivered);
  bus.on('message.failed', service.onMessageFailed);
  bus.on('case.changed', service.onCaseChanged);
  bus.on('signal.detected', service.onSignalDetected);
  bus.on('commitment.open_requested', service.onOpenRequested);

  const scheduler = createScheduler({
    store: createTimerStore(db),
    clock,
    owner: `kept-${hostname()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
    // Independent commitments fire side by side on PostgreSQL's pool; one breach is a short transaction.
    concurrency: 4,
    ...options.scheduler,
    fire: service.fireTimer,
    onError: (error, timer) => logger.error({ err: error, timer_id: timer?.id, commitment_id: timer?.commitmentId }, 'timer failed; it is retried after its lease'),
    onFired: (timer, lagMs) => metrics.observeFireLag({ kind: timer.kind, lagMs }),
  });
  service.setOnTimers((timers) => {
    for (const timer of timers) scheduler.add(timer);
  });
  if (clock.mode === 'manual') {
    // The clock service moves the clock to the target after every runner, so others can still fire theirs.
    options.clockService.registerTimerRunner(({ until }) => scheduler.advanceTo(until, { settle: false }));
  } else {
    scheduler.start();
    // Webhooks a stopped process recorded but never sent (older than any retry run still going on).
    service.resumePendingWebhooks({ olderThanMs: 5 * 60_000 }).catch((error: unknown) => logger.error({ err: error }, 'pending webhooks not resumed'));
  }
  registerCommitmentEngineRoutes(app, { commitments: service, registry });

  return {
    service,
    scheduler,
    registry,
    async close() {
      await scheduler.stop();
    },
  };
}
