// Promises in words become commitments (issue "Promises in words"): every outbound message written by a person
// — an agent's reply or a `message.sent` event — is read for promises; each opens a commitment due at the
// promised time and owned by whoever was promised, and the matching action keeps it.
import type { Db, Tx } from '../../db/create-db.js';
import type { DomainBus } from '../../domain-events.js';
import { AppError } from '../../shared/app-error.js';
import type { BusinessCalendar } from '../../shared/business-calendar.js';
import type { Clock } from '../../shared/clock.js';
import type { AgentId } from '../../shared/values.js';
import type { ReplyPreviewHook, ReplyRecordedHook } from '../cases/reply.service.js';
import type { CommitmentRecord } from '../commitments/commitment.repo.js';
import type { CommitmentService } from '../commitments/commitment.service.js';
import { promisePolicyId } from '../commitments/engine-config.js';
import { detectPromises } from './detect-promises.js';
import { commitmentKindFor, describeVaguePromiseWarning, type AuthorRole, type DetectedPromise } from './promise.js';
import { correctedDetails, dismissedDetails, readPromiseDetails, requirePromiseReviser, type Reviser } from './promise-correction.js';
import { toPromiseJson, type PromiseCorrection } from './promise.schemas.js';
import * as repo from './promise.repo.js';

export interface PromiseServiceOptions {
  db: Db;
  clock: Clock;
  bus: DomainBus;
  defaultTimeZone: string;
  /** Hours a vague promise ("we'll look into it") gets, counted in business hours when a calendar is given. */
  vagueDeadlineHours: number;
  /** Minutes before its deadline a promise is marked at risk. */
  atRiskLeadMinutes: number;
  calendar?: BusinessCalendar;
  /** Keeps a commitment (the engine's own keep, so timers and late-keeping stay right). */
  keepCommitment: (tx: Tx, options: { commitmentId: string; by: string; at: Date }) => Promise<void>;
  /** Revises a commitment (the engine's own, so its timers move with its deadline). */
  reviseCommitment: CommitmentService['revise'];
}

export interface OpenedPromise {
  promise: ReturnType<typeof toPromiseJson>;
  warning: string | null;
  commitment_id: string | null;
  kind: string;
  due_at: string;
  owner_role: 'agent' | 'manager' | null;
}

export function createPromiseService(options: PromiseServiceOptions) {
  function dueFor(promise: DetectedPromise, sentAt: Date): Date {
    if (promise.dueAt) return promise.dueAt;
    const minutes = options.vagueDeadlineHours * 60;
    return options.calendar ? options.calendar.addBusinessMinutes(sentAt, minutes) : new Date(sentAt.getTime() + minutes * 60_000);
  }

  /** Reads a message for promises and opens a commitment for each, inside the message's transaction. */
  async function openPromises(tx: Tx, input: { text: string; messageId: string; caseId: string | null; customerId: string | null; orderNumber: string | null; authorId: string | null; authorRole: AuthorRole; caseOwnerId: string | null; sentAt: Date }): Promise<OpenedPromise[]> {
    const zone = (input.customerId ? await repo.findCustomerTimeZone(tx, input.customerId) : null) ?? options.defaultTimeZone;
    const promises = detectPromises({ text: input.text, sentAt: input.sentAt, timeZone: zone, ...(options.calendar ? { calendar: options.calendar } : {}), authorRole: input.authorRole });
    const opened: OpenedPromise[] = [];
    for (const [index, promise] of promises.entries()) {
      const dueAt = dueFor(promise, input.sentAt);
      const ownerRole = promise.owner === 'manager' ? 'manager' : 'agent';
      const ownerId = promise.owner === 'author' ? input.authorId : promise.owner === 'team' ? input.caseOwnerId : null;
      const kind = commitmentKindFor(promise.kind);
      const payload = {
        tx,
        key: `promise:${input.messageId}:${index}`,
        kind,
        caseId: input.caseId,
        customerId: input.customerId,
        orderNumber: input.orderNumber,
        dueAt,
        ownerId,
        ownerRole: ownerRole as 'agent' | 'manager',
        openedBy: `message:${input.messageId}`,
        policyId: promisePolicyId(kind),
        atRiskLeadMinutes: options.atRiskLeadMinutes,
        details: { source: 'promise', promise: toPromiseJson(promise), vague: promise.vague, message_id: input.messageId, author_id: input.authorId },
        result: { commitmentId: null as string | null },
      };
      await options.bus.emit('commitment.open_requested', payload);
      opened.push({ promise: toPromiseJson(promise), warning: describeVaguePromiseWarning(promise), commitment_id: payload.result.commitmentId, kind, due_at: dueAt.toISOString(), owner_role: ownerRole });
    }
    return opened;
  }

  /** What the composer shows before sending: the promises a draft makes and a warning for each vague one. */
  function previewPromises(input: { text: string; sentAt: Date; timeZone?: string | null; authorRole: AuthorRole }) {
    return detectPromises({ text: input.text, sentAt: input.sentAt, timeZone: input.timeZone ?? options.defaultTimeZone, ...(options.calendar ? { calendar: options.calendar } : {}), authorRole: input.authorRole }).map((promise) => ({
      ...toPromiseJson(promise),
      warning: describeVaguePromiseWarning(promise),
    }));
  }

  /** The reply hook: the answer to the agent lists the promises found and the commitments opened. */
  const onReplyRecorded: ReplyRecordedHook = async (tx, { draft, messageId, at }) => {
    const role = (await repo.findAgentRole(tx, draft.authorId)) === 'manager' ? 'manager' : 'agent';
    const opened = await openPromises(tx, {
      text: draft.body,
      messageId,
      caseId: draft.caseRecord.id,
      customerId: draft.caseRecord.customerId,
      orderNumber: draft.caseRecord.orderNumber,
      authorId: draft.authorId,
      authorRole: role,
      caseOwnerId: draft.caseRecord.ownerId,
      sentAt: at,
    });
    return {
      promises: opened.map((entry) => ({ ...entry.promise, warning: entry.warning })),
      commitments_opened: opened.filter((entry) => entry.commitment_id).map((entry) => ({ id: entry.commitment_id, kind: entry.kind, due_at: entry.due_at, owner_role: entry.owner_role })),
    };
  };

  /** The preview hook: the composer warns "You promised a call but no time: add one?" before sending. */
  const onReplyPreview: ReplyPreviewHook = async (q, { draft, at }) => {
    const zone = await repo.findCustomerTimeZone(q, draft.caseRecord.customerId);
    const role = (await repo.findAgentRole(q, draft.authorId)) === 'manager' ? 'manager' : 'agent';
    return { promises: previewPromises({ text: draft.body, sentAt: at, timeZone: zone, authorRole: role }) };
  };

  async function keepAll(tx: Tx, commitments: repo.OpenPromiseCommitment[], by: string, at: Date): Promise<void> {
    for (const commitment of commitments) if (commitment.openedAt.getTime() <= at.getTime()) await options.keepCommitment(tx, { commitmentId: commitment.id, by, at });
  }

  /** The promise details of a commitment `by` may revise: its author (else the message's), the case owner, a manager. */
  async function requireReviser(tx: Tx, current: CommitmentRecord, by: Reviser) {
    const details = readPromiseDetails(current.details);
    // Promises opened before their details named the author: the author of the message that made them.
    const messageId = details?.message_id ?? (current.openedBy.startsWith('message:') ? current.openedBy.slice('message:'.length) : null);
    const authorId = details?.author_id !== undefined ? details.author_id : messageId ? await repo.findMessageAuthorId(tx, messageId) : null;
    const caseOwnerId = current.caseId ? await repo.findCaseOwnerId(tx, current.caseId) : null;
    return requirePromiseReviser({ details: current.details, commitmentId: current.id, by, authorId, caseOwnerId });
  }

  /**
   * An agent corrects a promise Kept read: a new time moves the commitment's deadline and its timers, a new
   * owner takes it over. Only the promise's author, the case owner, a manager or an admin may.
   */
  async function correctPromise(input: { commitmentId: string; by: Reviser; correction: PromiseCorrection }) {
    const { correction } = input;
    return options.reviseCommitment({
      id: input.commitmentId,
      decide: async (tx, current) => {
        const details = await requireReviser(tx, current, input.by);
        const now = options.clock.now();
        const dueAt = correction.due_at === undefined ? undefined : new Date(correction.due_at);
        if (dueAt && dueAt.getTime() <= now.getTime()) throw new AppError('validation_failed', { detail: `due_at: ${correction.due_at} has passed; a promise is corrected to a time still ahead`, field: 'due_at' });
        const ownerRole = correction.owner_id === undefined ? undefined : await repo.findAgentRole(tx, correction.owner_id);
        if (correction.owner_id !== undefined && !ownerRole) throw new AppError('validation_failed', { detail: `owner_id: no agent ${correction.owner_id}`, field: 'owner_id' });
        return {
          dueAt,
          owner: correction.owner_id && ownerRole ? { id: correction.owner_id as AgentId, role: ownerRole === 'agent' ? 'agent' : 'manager' } : undefined,
          atRiskLeadMinutes: options.atRiskLeadMinutes,
          details: correctedDetails({ details, by: input.by, at: now, before: { dueAt: current.dueAt, ownerId: current.ownerId }, dueAt, ownerId: correction.owner_id, note: correction.note }),
        };
      },
    });
  }

  /** An agent dismisses a promise Kept misread (or one taken back): closed with the note, never kept nor breached. */
  async function dismissPromise(input: { commitmentId: string; by: Reviser; note: string }) {
    return options.reviseCommitment({
      id: input.commitmentId,
      decide: async (tx, current) => {
        const details = await requireReviser(tx, current, input.by);
        return { dismiss: true, details: dismissedDetails({ details, by: input.by, at: options.clock.now(), note: input.note }) };
      },
    });
  }

  function register(): void {
    // A message.sent event is a person writing outside Kept: its promises count too.
    options.bus.on('message.recorded', async ({ tx, message, caseRecord }) => {
      if (message.direction !== 'out' || message.authorKind !== 'external') return;
      await openPromises(tx, { text: message.body, messageId: message.id, caseId: caseRecord?.id ?? null, customerId: message.customerId, orderNumber: message.orderNumbers[0] ?? caseRecord?.orderNumber ?? null, authorId: null, authorRole: 'agent', caseOwnerId: caseRecord?.ownerId ?? null, sentAt: message.at });
    });
    // A reply or an update that reaches the customer keeps the promises of a reply or an update on that case.
    options.bus.on('message.delivered', async ({ tx, message, caseRecord }) => {
      if (message.direction !== 'out' || !caseRecord || message.authorKind === 'automatic') return;
      const open = await repo.listOpenPromiseCommitments(tx, { caseId: caseRecord.id, kinds: ['follow_up', 'update'] });
      // The message that made a promise does not keep it.
      await keepAll(tx, open.filter((commitment) => commitment.openedBy !== `message:${message.id}`), `message:${message.id}`, message.at);
    });
    // A call logged on the case (an inbound or outbound phone contact) keeps a promised call.
    options.bus.on('message.recorded', async ({ tx, message, caseRecord }) => {
      if (message.channel !== 'phone' || !caseRecord) return;
      await keepAll(tx, await repo.listOpenPromiseCommitments(tx, { caseId: caseRecord.id, kinds: ['callback'] }), `message:${message.id}`, message.at);
    });
    // A refund issued for the customer keeps a promised refund.
    options.bus.on('event.ingested', async ({ tx, event, customerId, at }) => {
      if (event.type !== 'refund.issued' || !customerId) return;
      await keepAll(tx, await repo.listOpenPromiseCommitments(tx, { customerId, kinds: ['refund'] }), `event:${event.id}`, at);
    });
  }

  return { openPromises, previewPromises, onReplyRecorded, onReplyPreview, correctPromise, dismissPromise, register };
}

export type PromiseService = ReturnType<typeof createPromiseService>;
