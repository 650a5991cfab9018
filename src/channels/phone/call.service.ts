// Phone calls logged by agents: an inbound call is a `contact.received` (channel phone) on the case, an
// outbound one a `message.sent`, so calls keep and open commitments like any other contact.
import type { CaseService } from '../../features/cases/case.service.js';
import type { CustomerService } from '../../features/customers/customer.service.js';
import type { IngestService } from '../../features/events/ingest.service.js';
import type { CustomerRef } from '../../features/customers/identity.js';
import { AppError } from '../../shared/app-error.js';
import type { Clock } from '../../shared/clock.js';
import { newId } from '../../shared/ids.js';

export interface LogCallInput {
  caseId: string;
  direction: 'inbound' | 'outbound';
  summary: string;
  agentId: string | null;
}

export function createCallService(deps: { cases: CaseService; customers: CustomerService; ingest: IngestService; clock: Clock }) {
  /** Logs a call on a case through the events pipeline; answers with the event id. */
  async function logCall(input: LogCallInput): Promise<{ event_id: string; case_id: string }> {
    const caseView = await deps.cases.getCase(input.caseId);
    const customer = await deps.customers.getCustomer(caseView.customer_id);
    const ref = refFromIdentities(customer.identities);
    if (!ref) throw new AppError('validation_failed', { detail: "The case's customer has no identity a call can be logged against", field: 'id' });
    const id = `call:${newId('evt')}`;
    const data = { channel: 'phone', text: input.summary, case_id: caseView.id, ...(input.agentId ? { author: input.agentId } : {}) };
    await deps.ingest.ingestEvents([{ id, type: input.direction === 'inbound' ? 'contact.received' : 'message.sent', occurred_at: deps.clock.now().toISOString(), customer: ref, data }]);
    return { event_id: id, case_id: caseView.id };
  }

  return { logCall };
}

export type CallService = ReturnType<typeof createCallService>;

/** One identity of the customer, enough for ingest to resolve the same customer again. */
function refFromIdentities(identities: { kind: string; value: string }[]): CustomerRef | undefined {
  const first = identities[0];
  if (!first) return undefined;
  switch (first.kind) {
    case 'email':
      return { email: first.value };
    case 'phone':
      return { phone: first.value };
    case 'handle': {
      const [network, ...rest] = first.value.split(':');
      return { handle: { network: network ?? '', id: rest.join(':') } };
    }
    default:
      return { external_id: first.value };
  }
}
