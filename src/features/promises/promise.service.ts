// Promises in words become commitments (issue "Promises in words"): every outbound message — an agent's reply,
// a `message.sent` event, a message Kept sends itself — is read for promises; each opens a commitment due at the
// promised time and owned by whoever was promised (or, for Kept's own, is backed by one already owed), the
// matching action keeps it, and the agent may correct or dismiss it.
import type { Tx } from '../../db/create-db.js';
import type { OutboxPromise } from '../../db/database.js';
import type { DomainFact } from '../../domain-events.js';
import { AppError } from '../../shared/app-error.js';
import type { BusinessCalendar } from '../../shared/business-calendar.js';
import type { Clock } from '../../shared/clock.js';
import type { AgentId } from '../../shared/values.js';
import type { CaseRecord } from '../cases/index.js';
import type { MessageRecord } from '../cases/index.js';
import type { ReplyPreviewHook, ReplyRecordedHook } from '../cases/reply.service.js';
import type { CommitmentRecord } from '../commitments/index.js';
import type { CommitmentService } from '../commitments/commitment.service.js';
import { promisePolicyId } from '../commitments/engine-config.js';
import type { KeepCommitment, OpenCommitment } from '../commitments/engine-ports.js';
import { detectPromises } from './detect-promises.js';
import { commitmentKindFor, describeVaguePromiseWarning, hasAttachments, linksToForm, type AuthorRole, type DetectedPromise } from './promise.js';
import { correctedDetails, dismissedDetails, readPromiseDetails, requirePromiseReviser, type Reviser } from './promise-correction.js';
import { toPromiseJson, type DetectedPromiseJson, type PromiseCorrection } from './promise.schemas.js';
import { backingKindsFor } from './template-promises.js';
import * as repo from './promise.repo.js';

export interface PromiseServiceOptions {
  clock: Clock;
  defaultTimeZone: string;
  /** Hours a vague promise ("we'll look into it") gets, counted in business hours when a calendar is given. */
  vagueDeadlineHours: number;
  /** Minutes before its deadline a promise is marked at risk. */
  atRiskLeadMinutes: number;
  calendar?: BusinessCalendar;
  /** Opens a promise's commitment (the engine's `openCommitment` port). */
  openCommitment: OpenCommitment;
  /** Keeps a commitment (the engine's own keep, so timers and late-keeping stay right). */
  keepCommitment: KeepCommitment;
  /** Where customers reach Kept's forms: a message linking to one hands them a document. */
  publicUrl: string;
  /** Revises a commitment (the engine's own, so its timers move with its deadline). */
  reviseCommitment: CommitmentService['revise'];
  /** Lists on a message's outbox entry the promises it made (the outbox's own write). */
  recordPromises?: (tx: Tx, input: { messageId: string; promises: OutboxPromise[] }) => Promise<void>;
}

/** A promise as an outbox entry keeps it. */
function toOutboxPromise(entry: OpenedPromise): OutboxPromise {
  const { commitment } = entry;
  return { ...entry.promise, commitment: commitment && { id: commitment.id, kind: commitment.kind, due_at: commitment.due_at, opened: commitment.opened } };
}

/** A promise a message made, and the commitment that owes it (null when the engine opened none). */
export interface OpenedPromise {
  promise: DetectedPromiseJson;
  warning: string | null;
  commitment: { id: string; kind: string; due_at: string; owner_role: 'agent' | 'manager'; opened: boolean } | null;
}

/** An outbound message as the promises feature reads it. */
interface OutboundMessage {
  text: string;
  messageId: string;
  caseId: string | null;
  customerId: string | null;
  orderNumber: string | null;
  authorId: string | null;
  authorRole: AuthorRole;
  caseOwnerId: string | null;
  sentAt: Date;
  /**
   * Whether an outbox entry carries the message (Kept sent it). A `message.sent` was sent elsewhere and has
   * none, so there is no entry to list its promises on.
   */
  inOutbox: boolean;
}

export function createPromiseService(options: PromiseServiceOptions) {
  function dueFor(promise: DetectedPromise, sentAt: Date): Date {
    if (promise.dueAt) return promise.dueAt;
    const minutes = options.vagueDeadlineHours * 60;
    return options.calendar ? options.calendar.addBusinessMinutes(sentAt, minutes) : new Date(sentAt.getTime() + minutes * 60_000);
  }

  /** Opens the commitment of one promise, once per (message, promise), with its timers; returns its id. */
  async function openCommitment(tx: Tx, input: { message: OutboundMessage; promise: DetectedPromise; index: number; dueAt: Date; ownerRole: 'agent' | 'manager' }): Promise<string | null> {
    const { message, promise } = input;
    const kind = commitmentKindFor(promise.kind);
    return options.openCommitment(tx, {
      key: `promise:${message.messageId}:${input.index}`,
      kind,
      caseId: message.caseId,
      customerId: message.customerId,
      orderNumber: message.orderNumber,
      dueAt: input.dueAt,
      ownerId: promise.owner === 'author' ? message.authorId : promise.owner === 'team' ? message.caseOwnerId : null,
      ownerRole: input.ownerRole,
      openedBy: `message:${message.messageId}`,
      policyId: promisePolicyId(kind),
      atRiskLeadMinutes: options.atRiskLeadMinutes,
      details: { source: 'promise', promise: toPromiseJson(promise), vague: promise.vague, message_id: message.messageId, author_id: message.authorId },
    });
  }

  /**
   * Reads an outbound message for promises and opens a commitment for each, inside the message's transaction;
   * its outbox entry lists them.
   */
  async function openPromises(tx: Tx, message: OutboundMessage): Promise<OpenedPromise[]> {
    const zone = (message.customerId ? await repo.findCustomerTimeZone(tx, message.customerId) : null) ?? options.defaultTimeZone;
    const promises = detectPromises({ text: message.text, sentAt: message.sentAt, timeZone: zone, ...(options.calendar ? { calendar: options.calendar } : {}), authorRole: message.authorRole });
    const opened: OpenedPromise[] = [];
    for (const [index, promise] of promises.entries()) {
      const entry = { promise: toPromiseJson(promise), warning: describeVaguePromiseWarning(promise) };
      // Kept's own message promises what a commitment on the case may already owe ("a person will answer soon"
      // while first_response is open): then that one holds someone to it, and nothing is opened twice.
      const backing =
        message.authorRole === 'template' && message.caseId
          ? await repo.findBackingCommitment(tx, { caseId: message.caseId, kinds: backingKindsFor(promise.kind), dueBy: promise.dueAt, messageId: message.messageId })
          : undefined;
      if (backing) {
        opened.push({
          ...entry,
          commitment: { id: backing.id, kind: backing.kind, due_at: backing.dueAt.toISOString(), owner_role: backing.ownerRole === 'manager' ? 'manager' : 'agent', opened: false },
        });
        continue;
      }
      const dueAt = dueFor(promise, message.sentAt);
      const ownerRole: 'agent' | 'manager' = promise.owner === 'manager' ? 'manager' : 'agent';
      const id = await openCommitment(tx, { message, promise, index, dueAt, ownerRole });
      opened.push({ ...entry, commitment: id ? { id, kind: commitmentKindFor(promise.kind), due_at: dueAt.toISOString(), owner_role: ownerRole, opened: true } : null });
    }
    if (message.inOutbox) await options.recordPromises?.(tx, { messageId: message.messageId, promises: opened.map(toOutboxPromise) });
    return opened;
  }

  /** What the composer shows before sending: the promises a draft makes and a warning for each vague one. */
  function previewPromises(input: { text: string; sentAt: Date; timeZone?: string | null; authorRole: AuthorRole }) {
    return detectPromises({
      text: input.text,
      sentAt: input.sentAt,
      timeZone: input.timeZone ?? options.defaultTimeZone,
      ...(options.calendar ? { calendar: options.calendar } : {}),
      authorRole: input.authorRole,
    }).map((promise) => ({
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
      inOutbox: true,
    });
    return {
      promises: opened.map((entry) => ({ ...entry.promise, warning: entry.warning })),
      commitments_opened: opened.flatMap(({ commitment }) => (commitment?.opened ? [{ id: commitment.id, kind: commitment.kind, due_at: commitment.due_at, owner_role: commitment.owner_role }] : [])),
    };
  };

  /** The preview hook: the composer warns "You promised a call but no time: add one?" before sending. */
  const onReplyPreview: ReplyPreviewHook = async (q, { draft, at }) => {
    const zone = await repo.findCustomerTimeZone(q, draft.caseRecord.customerId);
    const role = (await repo.findAgentRole(q, draft.authorId)) === 'manager' ? 'manager' : 'agent';
    return { promises: previewPromises({ text: draft.body, sentAt: at, timeZone: zone, authorRole: role }) };
  };

  /**
   * Keeps the owed promises of `kinds` on a case (or of a customer) that were made before `at`; never those
   * the keeping message made itself.
   */
  async function keepOwed(tx: Tx, input: { caseId?: string; customerId?: string; kinds: string[]; by: string; at: Date; exceptMessageId?: string | null }): Promise<void> {
    const owed = await repo.listOpenPromiseCommitments(tx, { ...(input.caseId ? { caseId: input.caseId } : {}), ...(input.customerId ? { customerId: input.customerId } : {}), kinds: input.kinds });
    for (const commitment of owed) {
      if (input.exceptMessageId && commitment.openedBy === `message:${input.exceptMessageId}`) continue;
      if (commitment.openedAt.getTime() <= input.at.getTime()) await options.keepCommitment(tx, { commitmentId: commitment.id, by: input.by, at: input.at });
    }
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
        if (dueAt && dueAt.getTime() <= now.getTime())
          throw new AppError('validation_failed', { detail: `due_at: ${correction.due_at} has passed; a promise is corrected to a time still ahead`, field: 'due_at' });
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

  function readingOf(message: MessageRecord, caseRecord: CaseRecord | null, authorRole: AuthorRole): OutboundMessage {
    return {
      text: message.body,
      messageId: message.id,
      caseId: caseRecord?.id ?? null,
      customerId: message.customerId,
      orderNumber: message.orderNumbers[0] ?? caseRecord?.orderNumber ?? null,
      authorId: null,
      authorRole,
      caseOwnerId: caseRecord?.ownerId ?? null,
      sentAt: message.at,
      inOutbox: message.authorKind !== 'external',
    };
  }

  /** The promises feature's bus handlers, subscribed in app.ts (one place, in the order they run). */
  const handlers = {
    /** A message.sent event is a person writing outside Kept: its promises count too. */
    async onExternalMessageRecorded({ message, caseRecord }: DomainFact<'message.recorded'>, tx: Tx): Promise<void> {
      if (message.direction !== 'out' || message.authorKind !== 'external') return;
      await openPromises(tx, readingOf(message, caseRecord, 'agent'));
    },
    /**
     * The messages Kept sends itself (acknowledgements, fallbacks, claims' and surveys' emails) promise things
     * too, "we" being the team. They are read as they reach the customer: by then every commitment their cause
     * opened is there to back them (a survey's follow-up opens after its acknowledgement is queued), and a
     * message held or never delivered promised nothing.
     */
    async onAutomaticDelivered({ message, caseRecord }: DomainFact<'message.delivered'>, tx: Tx): Promise<void> {
      if (message.direction !== 'out' || message.authorKind !== 'automatic') return;
      await openPromises(tx, readingOf(message, caseRecord, 'template'));
    },
    /** A reply or an update a person sends that reaches the customer keeps the promised replies and updates on that case. */
    async onPersonDelivered({ message, caseRecord }: DomainFact<'message.delivered'>, tx: Tx): Promise<void> {
      if (message.direction !== 'out' || !caseRecord || message.authorKind === 'automatic') return;
      await keepOwed(tx, { caseId: caseRecord.id, kinds: ['follow_up', 'update'], by: `message:${message.id}`, at: message.at, exceptMessageId: message.id });
    },
    /**
     * A document handed to the customer keeps a promised document, on whichever of their cases it was promised
     * (an agent's claim opens a case of its own): a link to one of Kept's forms in a message delivered on a case
     * (a claim's declaration request, or an agent's reply), or files attached to a message.sent.
     */
    async onFormLinkDelivered({ message, caseRecord }: DomainFact<'message.delivered'>, tx: Tx): Promise<void> {
      if (message.direction !== 'out' || !caseRecord || !message.customerId || !linksToForm({ text: message.body, publicUrl: options.publicUrl })) return;
      await keepOwed(tx, { customerId: message.customerId, kinds: ['document'], by: `message:${message.id}`, at: message.at, exceptMessageId: message.id });
    },
    async onAttachmentsSent({ event, customerId, messageId, at }: DomainFact<'event.ingested'>, tx: Tx): Promise<void> {
      if (event.type !== 'message.sent' || !customerId || !hasAttachments(event.data)) return;
      await keepOwed(tx, { customerId, kinds: ['document'], by: messageId ? `message:${messageId}` : `event:${event.id}`, at, exceptMessageId: messageId });
    },
    /** A call logged on the case (an inbound or outbound phone contact) keeps a promised call. */
    async onCallRecorded({ message, caseRecord }: DomainFact<'message.recorded'>, tx: Tx): Promise<void> {
      if (message.channel !== 'phone' || !caseRecord) return;
      await keepOwed(tx, { caseId: caseRecord.id, kinds: ['callback'], by: `message:${message.id}`, at: message.at });
    },
    /** A refund issued for the customer keeps a promised refund. */
    async onRefundIssued({ event, customerId, at }: DomainFact<'event.ingested'>, tx: Tx): Promise<void> {
      if (event.type !== 'refund.issued' || !customerId) return;
      await keepOwed(tx, { customerId, kinds: ['refund'], by: `event:${event.id}`, at });
    },
  };

  return { openPromises, previewPromises, onReplyRecorded, onReplyPreview, correctPromise, dismissPromise, handlers };
}

export type PromiseService = ReturnType<typeof createPromiseService>;
