// Wires the signals feature into Kept: its bus handlers (app.ts subscribes them), its reply check, its routes
// and the unassigned-case sweep on a timer. app.ts calls createSignals while building services,
// registerSignals once the HTTP app exists.
import type { Logger } from 'pino';
import type { Config } from '../../config/config.js';
import type { Db } from '../../db/create-db.js';
import type { DomainBus } from '../../domain-events.js';
import type { App } from '../../http/route-types.js';
import type { Clock } from '../../shared/clock.js';
import type { CaseService } from '../cases/case.service.js';
import type { ReplyCheck } from '../cases/reply.service.js';
import { createAnalysisPool } from './analysis-pool.js';
import { createAssignmentService } from './assignment.service.js';
import { createRepeatedReplyCheck } from './repeated-reply.check.js';
import { createSignalService } from './signal.service.js';
import { registerSignalRoutes } from './signals.routes.js';
import { parseSignalsConfig } from './signals-config.js';

export { caseNotesView } from './case-notes.js';

/** Builds the feature; its handlers for 'case.changed' and 'message.recorded' are `assignment.onCaseChanged` and `signals.onMessageRecorded`. */
export function createSignals(deps: { db: Db; clock: Clock; bus: DomainBus; cases: CaseService; logger: Logger; config: Config }) {
  const config = parseSignalsConfig(deps.config);
  const analysis = createAnalysisPool({ logger: deps.logger });
  const signals = createSignalService({ db: deps.db, bus: deps.bus, logger: deps.logger, analysis });
  const assignment = createAssignmentService({ db: deps.db, clock: deps.clock, bus: deps.bus, cases: deps.cases, config, logger: deps.logger });
  const replyChecks: ReplyCheck[] = [createRepeatedReplyCheck()];
  return { config, signals, assignment, replyChecks, analysis };
}

export type SignalsFeature = ReturnType<typeof createSignals>;

/** Registers the routes and, with a real clock, runs the unassigned-case sweep every few seconds until the app closes. */
export function registerSignals(app: App, deps: { feature: SignalsFeature; clock: Clock; logger: Logger }): void {
  registerSignalRoutes(app, { assignment: deps.feature.assignment });
  app.addHook('onClose', async () => deps.feature.analysis.close());
  const everySeconds = deps.feature.config.assignment.sweep_every_seconds;
  if (deps.clock.mode === 'manual' || everySeconds === 0) return;
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    deps.feature.assignment
      .sweepUnassigned({ by: null })
      .catch((error: unknown) => deps.logger.error({ err: error }, 'unassigned-case sweep failed'))
      .finally(() => {
        running = false;
      });
  }, everySeconds * 1000);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
}
