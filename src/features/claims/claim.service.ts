// Claims (crack C6): a claim is a case with tracked documents. Opening one tells the buyer and asks for
// the checklist's documents by link, in one message; each request is a `document` commitment the engine
// opens (its `openCommitment` port), watches and chases (the reminder is document-reminder.ts);
// a submitted form or upload is the received document that keeps it; a resolution records its event and
// tells the customer. Every message goes to the buyer, never a gift's recipient (customer-email.ts).
import type { Logger } from 'pino';
import type { Db, Tx } from '../../db/create-db.js';
import { withTransaction } from '../../db/transaction.js';
import type { DomainBus, DomainFact } from '../../domain-events.js';
import { AppError } from '../../shared/app-error.js';
import type { Clock } from '../../shared/clock.js';
import { minorUnitDigits, toMoney, type Money } from '../../shared/values.js';
import * as caseRepo from '../cases/index.js';
import { caseToken, type CaseService } from '../cases/case.service.js';
import type { CaseViewExtension } from '../cases/case-view.js';
import type { KeepCommitment, OpenCommitment } from '../commitments/engine-ports.js';
import type { OutboxService } from '../comms/outbox.service.js';
import { statusUrlOf } from '../comms/template-vars.js';
import type { IngestService } from '../events/ingest.service.js';
import type { EventInput } from '../events/event.schemas.js';
import * as orderRepo from '../orders/index.js';
import { checklistByType, checkUpload, claimTypeForReason, parseDeclaration, type ClaimsSettings, type ClaimType, type ResolutionOption } from './claim.js';
import { claimOpenedText, resolutionText } from './claim-messages.js';
import * as repo from './claim.repo.js';
import { findBuyerEmail, queueCustomerEmail } from './customer-email.js';
import { formLinkOf } from './document-reminder.js';

export interface ClaimServiceDeps {
  db: Db;
  clock: Clock;
  bus: DomainBus;
  cases: CaseService;
  outbox: OutboxService;
  ingest: IngestService;
  logger: Logger;
  publicUrl: string;
  settings: ClaimsSettings;
  /** The engine's ports: a document's commitment is opened, and kept when the document arrives, through them. */
  commitments: { openCommitment: OpenCommitment; keepCommitment: KeepCommitment };
  /** Reads a file a customer sent by email (the email channel's attachments), for an agent to accept as a document. */
  readAttachment?: (id: string) => Promise<EmailedFile>;
}

/** A file that arrived with a customer's email, as the claims feature needs it. */
export interface EmailedFile {
  id: string;
  caseId: string;
  messageId: string;
  filename: string;
  contentType: string;
  data: Uint8Array;
}

export interface UploadedFile {
  filename: string;
  mimeType: string;
  data: Uint8Array;
  truncated: boolean;
}

/** What a form page shows: the document, and what was received when it has been. */
export type DocumentFormView = repo.DocumentRecord & { orderNumber: string | null; caseToken: string };

/** The SPEC §3 `documents` entry of a case's JSON. */
export function toDocumentView(document: repo.DocumentRecord) {
  return {
    id: document.id,
    kind: document.kind,
    state: document.state,
    requested_at: document.requestedAt.toISOString(),
    received_at: document.receivedAt?.toISOString() ?? null,
    decided_at: document.decidedAt?.toISOString() ?? null,
    decision_note: document.decisionNote,
    reminders: document.reminders,
  };
}

/** The case JSON extension: `documents` of every claim on the case. */
export const claimDocumentsView: CaseViewExtension = { field: 'documents', select: repo.selectDocumentViewsOfCase };

export function createClaimService(deps: ClaimServiceDeps) {
  const formLink = formLinkOf(deps.publicUrl);
  const dayMs = 24 * 60 * 60 * 1000;

  /** Records a requested document and opens the commitment that owes it; the caller asks the customer for it. */
  async function requestDocument(tx: Tx, input: { claim: repo.ClaimRecord; caseRecord: caseRepo.CaseRecord; kind: repo.DocumentRecord['kind']; at: Date }): Promise<repo.DocumentRecord> {
    const document = await repo.insertDocument(tx, { claimId: input.claim.id, caseId: input.caseRecord.id, kind: input.kind, at: input.at });
    const commitmentId = await deps.commitments.openCommitment(tx, {
      key: `document:${document.id}`,
      kind: 'document',
      caseId: input.caseRecord.id,
      customerId: input.claim.customerId,
      orderNumber: input.claim.orderNumber,
      dueAt: new Date(input.at.getTime() + deps.settings.documentDueDays * dayMs),
      ownerId: input.caseRecord.ownerId,
      ownerRole: null,
      openedBy: `claim:${input.claim.id}`,
      atRiskLeadMinutes: deps.settings.reminderLeadMinutes,
      details: { document_id: document.id, document_kind: input.kind, claim_id: input.claim.id },
    });
    await repo.setDocumentCommitment(tx, { id: document.id, commitmentId });
    return { ...document, commitmentId };
  }

  /** Opens a claim case for the customer and tells them, asking for the checklist's documents in the same message. Inside `tx`. */
  async function openClaim(tx: Tx, input: { customerId: string; orderNumber: string | null; type: ClaimType; openedBy: string; ownerId?: string | null; at: Date }) {
    const what = input.type === 'non_delivery' ? 'non-delivery' : 'damage';
    const caseRecord = await caseRepo.insertCase(tx, {
      customerId: input.customerId,
      subject: `Claim (${what})${input.orderNumber ? ` for order ${input.orderNumber}` : ''}`,
      channel: 'email',
      orderNumber: input.orderNumber,
      kind: 'claim',
      ownerId: input.ownerId ?? null,
      at: input.at,
    });
    await deps.bus.emit('case.changed', { before: null, after: caseRecord, change: 'opened', by: input.openedBy.startsWith('agent:') ? input.openedBy.slice('agent:'.length) : null }, tx);
    const claim = await repo.insertClaim(tx, { caseId: caseRecord.id, customerId: input.customerId, orderNumber: input.orderNumber, type: input.type, openedBy: input.openedBy, at: input.at });
    const documents: repo.DocumentRecord[] = [];
    for (const kind of checklistByType[input.type]) documents.push(await requestDocument(tx, { claim, caseRecord, kind, at: input.at }));
    const order = input.orderNumber ? await orderRepo.findOrderByNumber(tx, input.orderNumber) : undefined;
    const opened = claimOpenedText({
      statusUrl: order ? statusUrlOf(deps.publicUrl, order.statusToken) : null,
      type: input.type,
      orderNumber: input.orderNumber,
      caseToken: caseToken(caseRecord.number),
      documents: documents.map((document) => ({ kind: document.kind, link: formLink(document.token) })),
      dueDays: deps.settings.documentDueDays,
    });
    await queueCustomerEmail(tx, {
      outbox: deps.outbox,
      bus: deps.bus,
      email: { key: `claim:${claim.id}:opened`, customerId: input.customerId, caseRecord, orderNumber: input.orderNumber, origin: 'claim_opened', ...opened, at: input.at },
    });
    deps.logger.info({ case_id: caseRecord.id, customer_id: input.customerId, claim_id: claim.id, type: input.type }, 'claim opened');
    return { claim, caseRecord };
  }

  /** `order.delivery_exception` for a loss or damage opens a claim, once per order. */
  async function onEventIngested(fact: DomainFact<'event.ingested'>, tx: Tx): Promise<void> {
    const { event, customerId } = fact;
    if (event.type !== 'order.delivery_exception' || !customerId) return;
    const type = claimTypeForReason((event.data as Record<string, unknown>)['reason']);
    if (!type) return;
    const orderNumber = event.order?.id ?? null;
    const open = await caseRepo.listOpenCasesOfCustomer(tx, customerId);
    for (const candidate of open) {
      if (candidate.kind === 'claim' && candidate.orderNumber === orderNumber && (await repo.findOpenClaimOfCase(tx, candidate.id))) return;
    }
    await openClaim(tx, { customerId, orderNumber, type, openedBy: `event:${event.id}`, at: fact.at });
  }

  /** An agent opens a claim from any case: a new claim case for the same customer and order. */
  async function openClaimFromCase(input: { caseId: string; type: ClaimType; by: string | null }) {
    const result = await withTransaction(deps.db, async (tx) => {
      const source = await deps.cases.requireCase(tx, input.caseId);
      return openClaim(tx, {
        customerId: source.customerId,
        orderNumber: source.orderNumber,
        type: input.type,
        openedBy: input.by ? `agent:${input.by}` : 'api',
        ownerId: source.ownerId,
        at: deps.clock.now(),
      });
    });
    return deps.cases.getCase(result.caseRecord.id);
  }

  async function findFormDocument(token: string): Promise<DocumentFormView | undefined> {
    const document = await repo.findDocumentByToken(deps.db, token);
    if (!document) return undefined;
    const claim = await repo.findClaimById(deps.db, document.claimId);
    const caseRecord = await caseRepo.findCaseById(deps.db, document.caseId);
    return { ...document, orderNumber: claim?.orderNumber ?? null, caseToken: caseRecord ? caseToken(caseRecord.number) : '' };
  }

  async function receive(document: repo.DocumentRecord, submission: Record<string, unknown>, files: UploadedFile[]): Promise<repo.DocumentRecord | undefined> {
    const received = await withTransaction(deps.db, async (tx) => {
      const at = deps.clock.now();
      const marked = await repo.markDocumentReceived(tx, { id: document.id, submission, at });
      if (!marked) return undefined;
      for (const file of files) await repo.insertFile(tx, { documentId: document.id, filename: file.filename, mimeType: file.mimeType, data: file.data, at });
      if (marked.commitmentId) await deps.commitments.keepCommitment(tx, { commitmentId: marked.commitmentId, by: `document:${marked.id}`, at });
      return marked;
    });
    if (received) {
      deps.logger.info({ case_id: received.caseId, document_id: received.id, kind: received.kind }, 'claim document received');
      await deps.bus.emit('live.case_updated', { caseId: received.caseId });
    }
    return received;
  }

  /**
   * A declaration submitted through its form. Invalid input comes back as errors by field; a form already
   * submitted comes back as `already` with what was received.
   */
  async function submitDeclaration(token: string, form: Record<string, unknown>) {
    const document = await repo.findDocumentByToken(deps.db, token);
    if (!document || document.kind !== 'declaration') throw new AppError('not_found', { detail: 'No such form' });
    if (document.state !== 'requested') return { outcome: 'already' as const, document };
    const parsed = parseDeclaration({ form, today: deps.clock.now().toISOString().slice(0, 10) });
    if (!parsed.ok) return { outcome: 'invalid' as const, errors: parsed.errors, document };
    const received = await receive(document, { ...parsed.value, submitted_via: 'form' }, []);
    return received ? { outcome: 'received' as const, document: received } : { outcome: 'already' as const, document: (await repo.findDocumentById(deps.db, document.id))! };
  }

  /** Photos uploaded through their form; each file is checked for type and size before anything is kept. */
  async function submitPhotos(token: string, files: UploadedFile[], note: string) {
    const document = await repo.findDocumentByToken(deps.db, token);
    if (!document || document.kind !== 'photos') throw new AppError('not_found', { detail: 'No such form' });
    if (document.state !== 'requested') return { outcome: 'already' as const, document };
    const errors: Record<string, string> = {};
    if (files.length === 0) errors['photos'] = 'Please choose at least one photo';
    if (files.length > deps.settings.maxUploadFiles) errors['photos'] = `Please send at most ${deps.settings.maxUploadFiles} photos`;
    for (const file of files) {
      const problem = checkUpload({ file: { mimeType: file.mimeType, sizeBytes: file.data.byteLength, truncated: file.truncated }, settings: deps.settings });
      if (problem) errors['photos'] = `${file.filename}: ${problem}`;
    }
    if (Object.keys(errors).length > 0) return { outcome: 'invalid' as const, errors, document };
    const submission = { note: note.slice(0, 2000), files: files.map((file) => ({ filename: file.filename, type: file.mimeType, bytes: file.data.byteLength })), submitted_via: 'form' };
    const received = await receive(document, submission, files);
    return received ? { outcome: 'received' as const, document: received } : { outcome: 'already' as const, document: (await repo.findDocumentById(deps.db, document.id))! };
  }

  /** An agent accepts or rejects a received document. */
  async function decideDocument(input: { caseId: string; documentId: string; decision: 'accepted' | 'rejected'; note: string | null; by: string | null }) {
    const document = await repo.findDocumentById(deps.db, input.documentId);
    if (!document || document.caseId !== input.caseId) throw new AppError('not_found', { detail: `No document ${input.documentId} on case ${input.caseId}` });
    if (document.state !== 'received') throw new AppError('conflict', { detail: `The document is ${document.state}: only a received document can be accepted or rejected` });
    const decided = await repo.decideDocument(deps.db, { id: document.id, state: input.decision, note: input.note, by: input.by, at: deps.clock.now() });
    if (!decided) throw new AppError('conflict', { detail: 'The document was decided meanwhile' });
    await deps.bus.emit('live.case_updated', { caseId: input.caseId });
    return toDocumentView(decided);
  }

  /**
   * An agent accepts a file the customer emailed as a requested document: the document is received with
   * the file (as if uploaded through its form) and keeps its commitment. The file must come from the claim's
   * own customer.
   */
  async function receiveEmailedDocument(input: { caseId: string; documentId: string; attachmentId: string; by: string | null }) {
    if (!deps.readAttachment) throw new AppError('not_found', { detail: 'Emailed files are not available' });
    const document = await repo.findDocumentById(deps.db, input.documentId);
    if (!document || document.caseId !== input.caseId) throw new AppError('not_found', { detail: `No document ${input.documentId} on case ${input.caseId}` });
    if (document.state !== 'requested') throw new AppError('conflict', { detail: `The document is already ${document.state}` });
    const file = await deps.readAttachment(input.attachmentId);
    const claim = await repo.findClaimById(deps.db, document.claimId);
    const fileCase = await caseRepo.findCaseById(deps.db, file.caseId);
    if (!claim || fileCase?.customerId !== claim.customerId) {
      throw new AppError('validation_failed', { detail: 'attachment_id: the file was sent by another customer than the claim’s', field: 'attachment_id' });
    }
    const submission = {
      submitted_via: 'email',
      attachment_id: file.id,
      message_id: file.messageId,
      accepted_by: input.by,
      files: [{ filename: file.filename, type: file.contentType, bytes: file.data.byteLength }],
    };
    const received = await receive(document, submission, [{ filename: file.filename, mimeType: file.contentType, data: file.data, truncated: false }]);
    if (!received) throw new AppError('conflict', { detail: 'The document was received meanwhile' });
    return toDocumentView(received);
  }

  function resolutionEvent(input: {
    claim: repo.ClaimRecord;
    option: ResolutionOption;
    amount: Money | null;
    buyer: string | undefined;
    order: orderRepo.OrderRecord | undefined;
    at: Date;
  }): EventInput {
    const type = { refund: 'refund.issued', store_credit: 'claim.store_credit', reship: 'claim.reship' }[input.option];
    const data: Record<string, unknown> = { claim_id: input.claim.id, case_id: input.claim.caseId };
    if (input.amount)
      data['amount'] = { amount: (input.amount.amountMinor / 10 ** minorUnitDigits(input.amount.currency)).toFixed(minorUnitDigits(input.amount.currency)), currency: input.amount.currency };
    if (input.option === 'refund' && input.order?.cardLast4) data['to'] = { method: input.order.paymentMethod ?? 'card', last4: input.order.cardLast4 };
    return {
      id: `claim-${input.claim.id}-${input.option}`,
      type,
      occurred_at: input.at.toISOString(),
      ...(input.buyer ? { customer: { email: input.buyer } } : {}),
      ...(input.claim.orderNumber ? { order: { id: input.claim.orderNumber } } : {}),
      data,
    };
  }

  /** Settles a claim: records the option's event through ingest and tells the customer. */
  async function resolveClaim(input: { caseId: string; option: ResolutionOption; amount: number | undefined; by: string | null }) {
    const caseRecord = await deps.cases.requireCase(deps.db, input.caseId);
    const claim = await repo.findOpenClaimOfCase(deps.db, caseRecord.id);
    if (!claim) throw new AppError('conflict', { detail: `Case ${caseToken(caseRecord.number)} has no open claim` });
    const order = claim.orderNumber ? await orderRepo.findOrderByNumber(deps.db, claim.orderNumber) : undefined;
    let amount: Money | null = null;
    if (input.option !== 'reship') {
      const currency = order?.total?.currency;
      if (input.amount !== undefined && currency) amount = toMoney(input.amount, currency);
      else if (input.amount === undefined && order?.total) amount = order.total;
      else throw new AppError('validation_failed', { detail: 'amount: the order has no total or currency to refund or credit; give an amount', field: 'amount' });
    }
    const at = deps.clock.now();
    const buyer = await findBuyerEmail(deps.db, claim.customerId);
    await deps.ingest.ingestEvents([resolutionEvent({ claim, option: input.option, amount, buyer, order, at })]);
    await withTransaction(deps.db, async (tx) => {
      const resolved = await repo.markClaimResolved(tx, {
        id: claim.id,
        resolution: { option: input.option, amount_minor: amount?.amountMinor ?? null, currency: amount?.currency ?? null, by: input.by },
        at,
      });
      if (!resolved) return;
      const text = resolutionText({ option: input.option, orderNumber: claim.orderNumber, caseToken: caseToken(caseRecord.number), amount });
      await queueCustomerEmail(tx, {
        outbox: deps.outbox,
        bus: deps.bus,
        email: { key: `claim:${claim.id}:resolved`, customerId: claim.customerId, caseRecord, orderNumber: claim.orderNumber, origin: 'claim_resolution', ...text, at },
      });
    });
    await deps.bus.emit('live.case_updated', { caseId: caseRecord.id });
    return { claim_id: claim.id, option: input.option, amount: amount ? { amount_minor: amount.amountMinor, currency: amount.currency } : null, case: await deps.cases.getCase(caseRecord.id) };
  }

  return { onEventIngested, openClaim, openClaimFromCase, findFormDocument, submitDeclaration, submitPhotos, decideDocument, receiveEmailedDocument, resolveClaim };
}

export type ClaimService = ReturnType<typeof createClaimService>;
