// What the engine keeps for each transaction that processes a batch (announced by `batch.started`): the owed
// commitments it locked once (owed-set.ts), the timers it set, written together when it ends (nothing reads
// timers before the commit), and when its cases' acknowledgements were kept. Outside a batch every call goes
// to the store as it did before.
import type { Tx } from '../../db/create-db.js';
import { newId } from '../../shared/ids.js';
import type { Commitment } from './commitment.js';
import * as repo from './commitment.repo.js';
import type { TimerRef } from './engine.types.js';
import { lockOwedSet, type OwedScope, type OwedSet } from './owed-set.js';
import type { Timer } from './timer-store.js';
import * as timerRepo from './timer.repo.js';

interface Batch {
  owed: OwedSet;
  timers: Timer[];
  /** Commitments opened in this batch: none of their timers is in the store yet. */
  openedHere: Set<string>;
  /** When the acknowledgements of the locked cases were kept, read once when first needed. */
  keptAcknowledgements?: { cases: Set<string>; at: Map<string, Date[]> };
}

const acknowledgementWindowMs = 60 * 60_000;

export function createEngineBatches() {
  const batches = new WeakMap<Tx, Batch>();

  return {
    async start(tx: Tx, scope: { caseIds: readonly string[]; orderNumbers: readonly string[] }): Promise<void> {
      batches.set(tx, { owed: await lockOwedSet(tx, scope), timers: [], openedHere: new Set() });
    },

    /** Writes the batch's timers; returns them for the scheduler. */
    async end(tx: Tx): Promise<Timer[]> {
      const batch = batches.get(tx);
      if (!batch || batch.timers.length === 0) return [];
      const timers = await timerRepo.insertTimers(tx, batch.timers);
      batch.timers = [];
      return timers;
    },

    /** The owed commitments in scope, locked. */
    owedInScope(tx: Tx, scope: OwedScope): Promise<Commitment[]> {
      const batch = batches.get(tx);
      return batch ? batch.owed.inScope(scope) : repo.lockOwedCommitments(tx, scope);
    },

    /** Writes timers now, or keeps them for the batch's end (then returns none). */
    async writeTimers(tx: Tx, timers: readonly TimerRef[]): Promise<Timer[]> {
      const batch = batches.get(tx);
      if (!batch) return timerRepo.insertTimers(tx, timers);
      // Ids are given now: they order timers due at the same moment as they were set.
      batch.timers.push(...timers.map((timer) => ({ ...timer, id: newId('tmr') })));
      return [];
    },

    async cancelTimers(tx: Tx, commitmentIds: readonly string[]): Promise<void> {
      const batch = batches.get(tx);
      if (!batch) return timerRepo.deleteTimersOfCommitments(tx, commitmentIds);
      const cancelled = new Set(commitmentIds);
      batch.timers = batch.timers.filter((timer) => !cancelled.has(timer.commitmentId));
      await timerRepo.deleteTimersOfCommitments(
        tx,
        commitmentIds.filter((id) => !batch.openedHere.has(id)),
      );
    },

    /** Records what a decision opened or left a commitment as. */
    put(tx: Tx, commitment: Commitment, options: { opened: boolean }): void {
      const batch = batches.get(tx);
      batch?.owed.put(commitment);
      if (options.opened) batch?.openedHere.add(commitment.id);
    },

    /** A commitment the store would not move (it closed meanwhile): memory no longer speaks for it. */
    forget(tx: Tx, commitmentId: string): void {
      batches.get(tx)?.owed.forget(commitmentId);
    },

    caseOpened(tx: Tx, caseId: string): void {
      batches.get(tx)?.owed.addEmptyCase(caseId);
    },

    caseMoved(tx: Tx, move: { caseId: string; ownerId: string | null }): void {
      batches.get(tx)?.owed.moveCase(move);
    },

    /**
     * True when the case already has an acknowledgement owed or given within the hour before `at`. A batch
     * answers from what it locked (an acknowledgement kept earlier cannot change, and those are read once).
     */
    async hasRecentAcknowledgement(tx: Tx, options: { caseId: string; at: Date }): Promise<boolean> {
      const batch = batches.get(tx);
      if (batch && !batch.keptAcknowledgements) {
        const cases = batch.owed.lockedCases();
        batch.keptAcknowledgements = { cases: new Set(cases), at: await repo.listKeptAcknowledgements(tx, cases) };
      }
      const kept = batch?.keptAcknowledgements;
      const known = batch && kept && batch.owed.covers(options.caseId) && (batch.owed.isNewCase(options.caseId) || kept.cases.has(options.caseId));
      if (!known) return repo.hasRecentAcknowledgement(tx, { ...options, withinMs: acknowledgementWindowMs });
      const since = options.at.getTime() - acknowledgementWindowMs;
      const within = (at: Date | null) => at !== null && at.getTime() >= since;
      return (
        batch.owed.ofCase(options.caseId).some((c) => c.kind === 'acknowledge' && (c.state === 'open' || (c.state === 'kept' && within(c.fulfilledAt)))) ||
        (kept.at.get(options.caseId) ?? []).some(within)
      );
    },
  };
}

export type EngineBatches = ReturnType<typeof createEngineBatches>;
