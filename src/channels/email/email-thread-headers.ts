// In-Reply-To and References for an outbound email: the customer's Message-IDs on the entry's case.
import type { Db } from '../../db/create-db.js';
import type { OutboxService } from '../../features/comms/outbox.service.js';
import * as messageRepo from '../../features/cases/index.js';
import type { ThreadHeaders } from './email-message-transport.js';

/** Builds `threadFor(outboxId)`: answers the case's latest mail from the customer, referencing the earlier ones. */
export function createThreadHeaderLookup(deps: { db: Db; outbox: OutboxService }): (outboxId: string) => Promise<ThreadHeaders> {
  return async (outboxId) => {
    const entry = await deps.outbox.findEntry(deps.db, outboxId);
    if (!entry?.caseId) return { inReplyTo: null, references: [] };
    const newestFirst = await messageRepo.listInboundExternalIds(deps.db, { caseId: entry.caseId, channel: 'email', limit: 20 });
    return { inReplyTo: newestFirst[0] ?? null, references: [...newestFirst].reverse() };
  };
}
