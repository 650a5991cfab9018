// The engine's fallback sender for `document` commitments: when a claim's document comes at risk, the buyer
// gets one reminder with the form's link — the only message that timer sends. Built before the engine (it
// needs nothing of it), and passed to it in app.ts.
import type { DomainBus } from '../../domain-events.js';
import type { Clock } from '../../shared/clock.js';
import * as caseRepo from '../cases/index.js';
import { caseToken } from '../cases/case.service.js';
import type { FallbackSender } from '../commitments/engine-ports.js';
import type { OutboxService } from '../comms/outbox.service.js';
import { documentReminderText } from './claim-messages.js';
import * as repo from './claim.repo.js';
import { queueCustomerEmail } from './customer-email.js';

export function formLinkOf(publicUrl: string): (token: string) => string {
  return (token) => `${publicUrl.replace(/\/$/, '')}/forms/${token}`;
}

export function createDocumentReminderSender(deps: { clock: Clock; bus: DomainBus; outbox: OutboxService; publicUrl: string }): FallbackSender {
  const formLink = formLinkOf(deps.publicUrl);
  return async (tx, request) => {
    const document = await repo.findDocumentByCommitment(tx, request.commitmentId);
    if (!document) return { outboxId: null, status: 'skipped', detail: `no claim document owes commitment ${request.commitmentId}` };
    if (document.state !== 'requested') return { outboxId: null, status: 'skipped', detail: `document ${document.id} is already ${document.state}` };
    const claim = (await repo.findClaimById(tx, document.claimId))!;
    const caseRecord = (await caseRepo.findCaseById(tx, document.caseId))!;
    const text = documentReminderText({ kind: document.kind, orderNumber: claim.orderNumber, caseToken: caseToken(caseRecord.number), link: formLink(document.token) });
    const sent = await queueCustomerEmail(tx, {
      outbox: deps.outbox,
      bus: deps.bus,
      email: {
        key: `claim-document:${document.id}:reminder:${request.actionKey}`,
        customerId: claim.customerId,
        caseRecord,
        orderNumber: claim.orderNumber,
        origin: 'claim_document_reminder',
        ...text,
        at: deps.clock.now(),
      },
    });
    await repo.countReminder(tx, document.id);
    return sent.status === 'skipped' ? { outboxId: null, status: 'skipped', detail: sent.detail } : { outboxId: sent.outboxId, status: sent.status };
  };
}
