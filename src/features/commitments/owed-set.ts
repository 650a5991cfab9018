// The owed commitments a batch transaction has locked, kept in memory as its decisions apply. Ingest names
// the batch's orders and cases up front; they are locked in one statement, and every event of the batch then
// evaluates against memory instead of locking its case and order again. A scope not named up front (a case
// reached through an old thread) is locked when first needed. Only the engine writes commitments in such a
// transaction (a merge changes their customer, which no decision in it reads), so memory stays true.
import type { Tx } from '../../db/create-db.js';
import { isOwed, type Commitment } from './commitment.js';
import * as repo from './commitment.repo.js';

export interface OwedScope {
  caseId?: string | null;
  orderNumbers?: readonly string[];
  ids?: readonly string[];
}

export interface OwedSet {
  /** The owed commitments in scope, locked, in id order (as `lockOwedCommitments` returns them). */
  inScope(scope: OwedScope): Promise<Commitment[]>;
  /** Whether every owed commitment of the case is here (its scope was locked, or it opened in this transaction). */
  covers(caseId: string): boolean;
  /** The cases whose scope was locked (not those opened in this transaction). */
  lockedCases(): string[];
  /** Whether the case was opened in this transaction. */
  isNewCase(caseId: string): boolean;
  /** What is here of the case: its owed commitments, and those that stopped being owed in this transaction. */
  ofCase(caseId: string): Commitment[];
  /** Records what a decision left a commitment as (opened, kept, paused…). */
  put(commitment: Commitment): void;
  /** Drops a commitment that turned out closed in the store: it is owed no more. */
  forget(commitmentId: string): void;
  /** A case that has just been opened owes nothing yet. */
  addEmptyCase(caseId: string): void;
  /** A case handed to someone else takes its agents' owed commitments along. */
  moveCase(options: { caseId: string; ownerId: string | null }): void;
}

export async function lockOwedSet(tx: Tx, scope: { caseIds: readonly string[]; orderNumbers: readonly string[] }): Promise<OwedSet> {
  const byId = new Map<string, Commitment>();
  const cases = new Set<string>();
  const newCases = new Set<string>();
  const orders = new Set<string>();
  const ids = new Set<string>();

  async function load(missing: { caseIds: string[]; orderNumbers: string[]; ids: string[] }): Promise<void> {
    if (missing.caseIds.length + missing.orderNumbers.length + missing.ids.length === 0) return;
    for (const commitment of await repo.lockOwedCommitments(tx, missing)) if (!byId.has(commitment.id)) byId.set(commitment.id, commitment);
    for (const id of missing.caseIds) cases.add(id);
    for (const number of missing.orderNumbers) orders.add(number);
    for (const id of missing.ids) ids.add(id);
  }
  await load({ caseIds: [...new Set(scope.caseIds)], orderNumbers: [...new Set(scope.orderNumbers)], ids: [] });

  return {
    async inScope(scope) {
      const caseIds = scope.caseId && !cases.has(scope.caseId) && !newCases.has(scope.caseId) ? [scope.caseId] : [];
      await load({ caseIds, orderNumbers: (scope.orderNumbers ?? []).filter((number) => !orders.has(number)), ids: (scope.ids ?? []).filter((id) => !ids.has(id) && !byId.has(id)) });
      const numbers = new Set(scope.orderNumbers ?? []);
      const wanted = new Set(scope.ids ?? []);
      return [...byId.values()]
        .filter((c) => isOwed(c) && ((scope.caseId && c.caseId === scope.caseId) || (c.orderId !== null && numbers.has(c.orderId)) || wanted.has(c.id)))
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    },
    covers(caseId) {
      return cases.has(caseId) || newCases.has(caseId);
    },
    lockedCases() {
      return [...cases];
    },
    isNewCase(caseId) {
      return newCases.has(caseId);
    },
    ofCase(caseId) {
      return [...byId.values()].filter((c) => c.caseId === caseId);
    },
    put(commitment) {
      byId.set(commitment.id, commitment);
    },
    forget(commitmentId) {
      byId.delete(commitmentId);
    },
    addEmptyCase(caseId) {
      newCases.add(caseId);
    },
    moveCase({ caseId, ownerId }) {
      for (const c of byId.values()) if (c.caseId === caseId && c.ownerRole === 'agent' && isOwed(c)) byId.set(c.id, { ...c, ownerId: ownerId as Commitment['ownerId'] });
    },
  };
}
