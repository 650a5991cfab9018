// The quarantine an admin sees: messages that could not be parsed or processed, and their retry.
import type { Db } from '../../db/create-db.js';
import type { Clock } from '../../shared/clock.js';
import { AppError } from '../../shared/app-error.js';
import * as repo from './inbound-mail.repo.js';
import type { IntakeWorker } from './intake-worker.js';

export function createQuarantineService(deps: { db: Db; clock: Clock; worker: IntakeWorker }) {
  async function listQuarantine(limit: number) {
    const rows = await repo.listQuarantinedMail(deps.db, limit);
    return rows.map((row) => ({
      id: row.id,
      source: row.source,
      error: row.error,
      attempts: row.attempts,
      bytes: row.bytes,
      mail_from: row.envelope.mailFrom ?? null,
      rcpt_to: row.envelope.rcptTo ?? [],
      received_at: row.receivedAt.toISOString(),
    }));
  }

  /** Puts the message back and processes it now; answers with its new state. */
  async function retryQuarantined(id: string) {
    if (!(await repo.requeueQuarantinedMail(deps.db, id))) throw new AppError('not_found', { detail: `No quarantined message ${id}` });
    let outcome: string;
    try {
      outcome = await deps.worker.processOne(id);
    } catch (error) {
      // Still failing: back to quarantine with the new error, for the admin to read.
      await repo.recordMailAttemptFailed(deps.db, { id, error: error instanceof Error ? error.message : String(error), maxAttempts: 1, at: deps.clock.now() });
      outcome = 'failed';
    }
    const row = await repo.findInboundMail(deps.db, id);
    return { id, state: row?.state ?? 'pending', outcome, error: row?.error ?? null };
  }

  return { listQuarantine, retryQuarantined };
}

export type QuarantineService = ReturnType<typeof createQuarantineService>;
