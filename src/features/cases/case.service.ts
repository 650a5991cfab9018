// Cases: where contacts land, who owns them, and what they look like to the API.
import type { Db, Queryable, Tx } from '../../db/create-db.js';
import { withTransaction } from '../../db/transaction.js';
import { announceCaseUpdated } from '../live/announce.js';
import type { WriteCount } from '../../db/write-count.js';
import type { AuthorKind } from '../../db/database.js';
import type { DomainBus, FileNotKept } from '../../domain-events.js';
import { AppError } from '../../shared/app-error.js';
import { canonicalJson } from '../../shared/canonical-json.js';
import type { Clock } from '../../shared/clock.js';
import * as agentRepo from '../agents/index.js';
import * as caseRepo from './case.repo.js';
import * as messageRepo from './message.repo.js';
import { chooseCaseForContact, decodeCaseCursor, encodeCaseCursor, subjectFromText } from './case.js';
import { commitmentsPart, messagesPart, type CaseView, type CaseViewExtension } from './case-view.js';
import { createCaseViewCache } from './case-view-cache.js';

export { toMessageView, type CaseView } from './case-view.js';

export interface InboundMessageInput {
  customerId: string;
  channel: string;
  subject?: string | undefined;
  text: string;
  html?: string | null;
  threadRef?: string | null;
  externalId?: string | null;
  /** A case the channel already matched (e.g. by an email's References or a case token). */
  caseId?: string | undefined;
  orderNumber: string | null;
  orderNumbers?: string[];
  eventId: string | null;
  noise?: string | null;
  authorKind?: AuthorKind;
  caseKind?: string;
  /** The queue of a case this message opens (`automatic` for mail no person sent). */
  queue?: string | null;
  /** Files that came with the message and were not kept (too large): the answer to it names them. */
  filesNotKept?: FileNotKept[];
  at: Date;
}

export interface OutboundExternalInput {
  customerId: string | null;
  channel: string;
  subject?: string | undefined;
  text: string;
  threadRef?: string | null;
  orderNumber: string | null;
  orderNumbers: string[];
  eventId: string | null;
  author?: string | undefined;
  /** A case the message is known to belong to (a call an agent logged on it). */
  caseId?: string | undefined;
  at: Date;
}

/** The case token customers see in subjects, e.g. `K-1042`. */
export function caseToken(number: number): string {
  return `K-${number}`;
}

// Enough for every case a busy team has open on its screens; each is some kilobytes.
const cachedCaseViews = 2_000;

export function createCaseService(deps: { db: Db; clock: Clock; bus: DomainBus; publicUrl: string; viewExtensions?: CaseViewExtension[]; writes?: WriteCount | undefined }) {
  const extensions = deps.viewExtensions ?? [];
  // Only a store this process alone writes to can tell that a kept view is still current (case-view-cache.ts).
  const viewCache = deps.writes ? createCaseViewCache<string>({ writes: deps.writes, max: cachedCaseViews }) : undefined;
  const readCaseView = caseRepo.createCaseViewReader(deps.db, { parts: [messagesPart, commitmentsPart, ...extensions], publicUrl: deps.publicUrl });

  /** Records a message from the customer and returns its case, opening one when no open case fits. */
  async function recordInbound(tx: Tx, input: InboundMessageInput): Promise<{ caseRecord: caseRepo.CaseRecord; message: messageRepo.MessageRecord; opened: boolean }> {
    // The thread's case is read with the lookup of its reference, in one statement.
    const threadCase = input.caseId
      ? await caseRepo.findCaseById(tx, input.caseId)
      : input.threadRef
        ? await caseRepo.findCaseById(tx, messageRepo.selectCaseIdOfThread(tx, input.threadRef))
        : undefined;
    // A thread can point at a case of a customer merged away since: it still belongs to this customer.
    const caseId = threadCase && threadCase.customerId === input.customerId ? threadCase.id : undefined;
    const openCases = await caseRepo.listOpenCasesOfCustomer(tx, input.customerId);
    const chosen = chooseCaseForContact({ threadCaseId: caseId, orderNumber: input.orderNumber, openCases });
    let opened = false;
    let caseRecord: caseRepo.CaseRecord;
    if (chosen) {
      // The chosen case was just read (as the thread's case or as an open one), and nothing has changed it since.
      const before = chosen === threadCase?.id ? threadCase : openCases.find((candidate) => candidate.id === chosen)!;
      const isNoise = Boolean(input.noise);
      caseRecord = await caseRepo.updateCase(tx, chosen, {
        addChannel: input.channel,
        // A customer who writes again on a resolved or pending case re-opens it; an auto-reply does not.
        ...(before.state !== 'open' && !isNoise ? { state: 'open' as const } : {}),
        ...(input.orderNumber && !before.orderNumber ? { orderNumber: input.orderNumber } : {}),
        at: input.at,
      });
      if (before.state !== caseRecord.state) await deps.bus.emit('case.changed', { before, after: caseRecord, change: 'state', by: null }, tx);
    } else {
      caseRecord = await caseRepo.insertCase(tx, {
        customerId: input.customerId,
        subject: subjectFromText({ subject: input.subject, text: input.text, orderNumber: input.orderNumber }),
        channel: input.channel,
        orderNumber: input.orderNumber,
        kind: input.caseKind ?? 'inquiry',
        queue: input.queue ?? null,
        at: input.at,
      });
      opened = true;
      await deps.bus.emit('case.changed', { before: null, after: caseRecord, change: 'opened', by: null }, tx);
    }
    const message = await messageRepo.insertMessage(tx, {
      caseId: caseRecord.id,
      customerId: input.customerId,
      direction: 'in',
      channel: input.channel,
      authorKind: input.authorKind ?? 'customer',
      authorId: null,
      subject: input.subject ?? null,
      body: input.text,
      html: input.html ?? null,
      threadRef: input.threadRef ?? null,
      externalId: input.externalId ?? null,
      eventId: input.eventId,
      orderNumbers: input.orderNumbers ?? (input.orderNumber ? [input.orderNumber] : []),
      noise: input.noise ?? null,
      status: 'received',
      at: input.at,
    });
    announceCaseUpdated(tx, { bus: deps.bus, caseId: caseRecord.id });
    await deps.bus.emit('message.recorded', { message, caseRecord, opened, ...(input.filesNotKept?.length ? { filesNotKept: input.filesNotKept } : {}) }, tx);
    return { caseRecord, message, opened };
  }

  /** Records a message the business sent outside Kept (`message.sent`): on its case when one fits. */
  async function recordOutboundExternal(tx: Tx, input: OutboundExternalInput): Promise<{ caseRecord: caseRepo.CaseRecord | null; message: messageRepo.MessageRecord }> {
    let caseRecord: caseRepo.CaseRecord | null = null;
    let caseId = input.caseId ?? (input.threadRef ? await messageRepo.findCaseIdByThreadRef(tx, input.threadRef) : undefined);
    if (caseId && input.caseId && (await caseRepo.findCaseById(tx, caseId))?.customerId !== input.customerId) caseId = undefined;
    if (!caseId && input.customerId) {
      const openCases = await caseRepo.listOpenCasesOfCustomer(tx, input.customerId);
      caseId = input.orderNumber ? openCases.find((candidate) => candidate.orderNumber === input.orderNumber)?.id : openCases[0]?.id;
    }
    if (caseId) caseRecord = await caseRepo.updateCase(tx, caseId, { addChannel: input.channel, at: input.at });
    const message = await messageRepo.insertMessage(tx, {
      caseId: caseRecord?.id ?? null,
      customerId: input.customerId,
      direction: 'out',
      channel: input.channel,
      authorKind: 'external',
      authorId: input.author ?? null,
      subject: input.subject ?? null,
      body: input.text,
      html: null,
      threadRef: input.threadRef ?? null,
      externalId: null,
      eventId: input.eventId,
      orderNumbers: input.orderNumbers,
      noise: null,
      status: 'sent',
      at: input.at,
    });
    await deps.bus.emit('message.recorded', { message, caseRecord, opened: false }, tx);
    await deps.bus.emit('message.delivered', { message, caseRecord, at: input.at }, tx);
    return { caseRecord, message };
  }

  async function requireCase(q: Queryable, id: string): Promise<caseRepo.CaseRecord> {
    const found = await caseRepo.findCaseById(q, id);
    if (!found) throw new AppError('not_found', { detail: `No case ${id}` });
    return found;
  }

  /** The case's JSON as GET /cases/{id} sends it: the text of a CaseView, as JSON.stringify would write it. */
  async function getCaseJson(id: string): Promise<string> {
    return viewCache ? viewCache.read(id, () => readCaseJson(id)) : readCaseJson(id);
  }

  async function getCase(id: string): Promise<CaseView> {
    // The text is the database's rendering of exactly this shape (case.repo.ts, case-view.test.ts).
    return JSON.parse(await getCaseJson(id)) as CaseView;
  }

  async function readCaseJson(id: string): Promise<string> {
    const text = await readCaseView(deps.db, id);
    if (text === undefined) throw new AppError('not_found', { detail: `No case ${id}` });
    return canonicalJson(text);
  }

  async function listCases(filter: Omit<caseRepo.CaseListFilter, 'cursor' | 'limit'> & { cursor?: string | undefined; limit?: number | undefined }) {
    const cursor = filter.cursor ? decodeCaseCursor(filter.cursor) : undefined;
    if (filter.cursor && !cursor) throw new AppError('validation_failed', { detail: 'cursor: not a cursor this API gave out', field: 'cursor' });
    const limit = filter.limit ?? 50;
    const rows = await caseRepo.listCases(deps.db, { ...filter, cursor, limit: limit + 1 });
    const page = rows.slice(0, limit);
    return {
      items: page.map((row) => ({
        id: row.id,
        number: row.number,
        token: caseToken(row.number),
        customer_id: row.customerId,
        customer_name: row.customerName,
        state: row.state,
        owner_id: row.ownerId,
        owner_name: row.ownerName,
        subject: row.subject,
        channels: row.channels,
        order_number: row.orderNumber,
        next_due_at: row.nextDueAt?.toISOString() ?? null,
        risk: { score: row.risk.score },
        escalated: row.escalated,
        queue: row.queue,
        updated_at: row.updatedAt.toISOString(),
      })),
      next_cursor: rows.length > limit ? encodeCaseCursor(page[page.length - 1]!) : null,
    };
  }

  async function changeCase(input: {
    id: string;
    by: string | null;
    change: 'assigned' | 'state' | 'escalated';
    note?: string;
    apply: caseRepo.CaseChanges | ((before: caseRepo.CaseRecord) => caseRepo.CaseChanges);
  }): Promise<CaseView> {
    await withTransaction(deps.db, async (tx) => {
      const before = await requireCase(tx, input.id);
      const changes = typeof input.apply === 'function' ? input.apply(before) : input.apply;
      const after = await caseRepo.updateCase(tx, input.id, changes);
      await deps.bus.emit('case.changed', { before, after, change: input.change, ...(input.note ? { note: input.note } : {}), by: input.by }, tx);
      announceCaseUpdated(tx, { bus: deps.bus, caseId: input.id });
    });
    return getCase(input.id);
  }

  async function assignCase(input: { id: string; ownerId: string; by: string | null }): Promise<CaseView> {
    const owner = await agentRepo.findAgentById(deps.db, input.ownerId);
    if (!owner) throw new AppError('validation_failed', { detail: `owner_id: no agent ${input.ownerId}`, field: 'owner_id' });
    return changeCase({ id: input.id, by: input.by, change: 'assigned', apply: { ownerId: owner.id, at: deps.clock.now() } });
  }

  async function resolveCase(input: { id: string; by: string | null }): Promise<CaseView> {
    return changeCase({ id: input.id, by: input.by, change: 'state', apply: { state: 'resolved', at: deps.clock.now() } });
  }

  async function setPending(input: { id: string; by: string | null; pending: boolean }): Promise<CaseView> {
    return changeCase({ id: input.id, by: input.by, change: 'state', apply: { state: input.pending ? 'pending' : 'open', at: deps.clock.now() } });
  }

  async function escalateCase(input: { id: string; by: string | null; note: string }): Promise<CaseView> {
    return changeCase({ id: input.id, by: input.by, change: 'escalated', note: input.note, apply: { escalated: true, at: deps.clock.now() } });
  }

  /**
   * The case a channel's threading keys point to: the first message id (sent or received) we know, else the
   * case with the number of a `K-<n>` token.
   */
  async function findThreadCase(q: Queryable, keys: { messageIds: readonly string[]; caseNumber: number | null }): Promise<caseRepo.CaseRecord | undefined> {
    for (const id of keys.messageIds) {
      const caseId = await messageRepo.findCaseIdByThreadRef(q, id);
      if (caseId) return caseRepo.findCaseById(q, caseId);
    }
    return keys.caseNumber === null ? undefined : caseRepo.findCaseByNumber(q, keys.caseNumber);
  }

  /**
   * The cases a batch's events may reach before they are routed: the case of each known thread reference
   * (with its customer), and the unresolved cases of the batch's known customers.
   */
  async function findReachableCases(q: Queryable, input: { threadRefs: readonly string[]; customerIds: readonly string[] }) {
    const [threads, openCases] = await Promise.all([messageRepo.listThreadCases(q, input.threadRefs), caseRepo.listOpenCasesOfCustomers(q, input.customerIds)]);
    return { threads, openCases };
  }

  return { recordInbound, recordOutboundExternal, findThreadCase, findReachableCases, requireCase, getCase, getCaseJson, listCases, assignCase, resolveCase, setPending, escalateCase };
}

export type CaseService = ReturnType<typeof createCaseService>;
