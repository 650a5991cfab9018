// Telling the console that a case changed, once per transaction: every part of a unit of work that touched a
// case (ingest routing a message, the engine opening a commitment on it, a reply) announces it, and one
// `live.case_updated` per case goes out after the commit — never before it, never twice.
import type { Tx } from '../../db/create-db.js';
import { afterCommit } from '../../db/transaction.js';
import type { DomainBus } from '../../domain-events.js';

const announced = new WeakMap<Tx, Set<string>>();

export function announceCaseUpdated(tx: Tx, options: { bus: DomainBus; caseId: string }): void {
  let cases = announced.get(tx);
  if (!cases) {
    const created = new Set<string>();
    cases = created;
    announced.set(tx, created);
    afterCommit(tx, async () => {
      for (const caseId of created) await options.bus.emit('live.case_updated', { caseId });
    });
  }
  cases.add(options.caseId);
}
