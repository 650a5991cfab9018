// Builds the commitment engine from the config: its service (with the fallback senders it was given, one per
// kind, checked against the policies), the scheduler (started on the real clock, driven by POST
// /api/v1/clock on the manual one) and the metrics registry. app.ts builds it once, subscribes its handlers
// and registers its routes.
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import { collectDefaultMetrics, Registry } from 'prom-client';
import type { Config } from '../../config/config.js';
import type { Db } from '../../db/create-db.js';
import type { DomainBus } from '../../domain-events.js';
import type { Clock } from '../../shared/clock.js';
import type { ClockService } from '../clock/clock.service.js';
import { compactCommitmentCounts, readCommitmentCounts } from './commitment-counts.repo.js';
import { createCommitmentService, type CommitmentService, type CommitmentServiceDeps } from './commitment.service.js';
import { buildEngineConfig } from './engine-config.js';
import { checkFallbackSenders, type AcknowledgementAllowed, type FallbackSenders } from './engine-ports.js';
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

export interface CreateCommitmentEngineOptions {
  config: Config;
  db: Db;
  clock: Clock;
  bus: DomainBus;
  logger: Logger;
  clockService: ClockService;
  /** The one sender per commitment kind of a `send_fallback` action's message. */
  fallbackSenders: FallbackSenders;
  acknowledgementAllowed?: AcknowledgementAllowed;
  scheduler?: Partial<Pick<SchedulerOptions, 'windowMs' | 'refillEveryMs' | 'batchSize' | 'leaseMs' | 'concurrency' | 'owner'>>;
  webhookOptions?: CommitmentServiceDeps['webhookOptions'];
}

/** Builds the engine; see docs/commitments.md ("Wiring"). Throws when a policy sends a fallback no feature sends. */
export function createCommitmentEngine(options: CreateCommitmentEngineOptions): CommitmentEngine {
  const { config, db, clock, bus, logger } = options;
  const engine = buildEngineConfig(commitmentConfigOf(config.file));
  checkFallbackSenders({ policies: engine.policies, senders: options.fallbackSenders });
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  // The store keeps the counts (a ledger its triggers append to); folding it first keeps the read a few rows.
  const metrics = createCommitmentMetrics(registry, {
    readCounts: async () => {
      await compactCommitmentCounts(db);
      return readCommitmentCounts(db);
    },
  });
  // Folded even when nothing scrapes (real time, whatever Kept's clock), so the ledger stays a few rows.
  const compaction = setInterval(() => {
    compactCommitmentCounts(db).catch((error: unknown) => logger.error({ err: error }, 'commitment counts not compacted'));
  }, 60_000).unref();

  const scheduler = createScheduler({
    store: createTimerStore(db),
    clock,
    owner: `kept-${hostname()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
    // Independent commitments fire side by side on PostgreSQL's pool; one breach is a short transaction.
    concurrency: 4,
    ...options.scheduler,
    fire: (timer) => service.fireTimer(timer),
    onError: (error, timer) => logger.error({ err: error, timer_id: timer?.id, commitment_id: timer?.commitmentId }, 'timer failed; it is retried after its lease'),
    onFired: (timer, lagMs) => metrics.observeFireLag({ kind: timer.kind, lagMs }),
  });
  const service = createCommitmentService({
    db,
    clock,
    bus,
    logger,
    engine,
    fallbackSenders: options.fallbackSenders,
    ...(options.acknowledgementAllowed ? { acknowledgementAllowed: options.acknowledgementAllowed } : {}),
    onTimers: (timers) => {
      for (const timer of timers) scheduler.add(timer);
    },
    ...(options.webhookOptions ? { webhookOptions: options.webhookOptions } : {}),
  });
  if (clock.mode === 'manual') {
    // The clock service moves the clock to the target after every runner, so others can still fire theirs.
    options.clockService.registerTimerRunner(({ until }) => scheduler.advanceTo(until, { settle: false }));
  } else {
    scheduler.start();
    // Webhooks a stopped process recorded but never sent (older than any retry run still going on).
    service.resumePendingWebhooks({ olderThanMs: 5 * 60_000 }).catch((error: unknown) => logger.error({ err: error }, 'pending webhooks not resumed'));
  }

  return {
    service,
    scheduler,
    registry,
    async close() {
      clearInterval(compaction);
      await scheduler.stop();
    },
  };
}
