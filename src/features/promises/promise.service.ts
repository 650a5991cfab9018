// Promises in words become commitments (issue "Promises in words"): every outbound message written by a person
// — an agent's reply or a `message.sent` event — is read for promises; each opens a commitment due at the
// promised time and owned by whoever was promised, and the matching action keeps it.
import type { Tx } from '../../db/create-db.js';
import type { DomainBus } from '../../domain-events.js';
import type { BusinessCalendar } from '../../shared/business-calendar.js';
import type { ReplyPreviewHook, ReplyRecordedHook } from '../cases/reply.service.js';
import { detectPromises } from './detect-promises.js';
import { commitmentKindFor, describeVaguePromiseWarning, type AuthorRole, type DetectedPromise } from './promise.js';
import { toPromiseJson } from './promise.schemas.js';
import * as repo from './promise.repo.js';

export interface PromiseServiceOptions {
  bus: DomainBus;
  defaultTimeZone: string;
  /** Hours a vague promise ("we'll look into it") gets, counted in business hours when a calendar is given. */
  vagueDeadlineHours: number;
  calendar?: BusinessCalendar;
  /** Keeps a commitment (the engine's own keep, so timers and late-keeping stay right). */
  keepCommitment: (tx: Tx, options: { commitmentId: string; by: string; at: Date }) => Promise<void>;
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
        details: { source: 'promise', promise: toPromiseJson(promise), vague: promise.vague },
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

  return { openPromises, previewPromises, onReplyRecorded, onReplyPreview, register };
}

export type PromiseService = ReturnType<typeof createPromiseService>;
