// Agent replies: every reply is checked before it is sent (fact audit, reason conflicts, repeats). A reply
// with findings is held — listed in the outbox with them, nothing sent — unless each finding's code is
// overridden with a note, which is recorded with who overrode what.
import type { Db, Queryable, Tx } from '../../db/create-db.js';
import { withTransaction } from '../../db/transaction.js';
import { announceCaseUpdated } from '../live/announce.js';
import type { AuditFinding } from '../../db/database.js';
import type { DomainBus } from '../../domain-events.js';
import { AppError } from '../../shared/app-error.js';
import type { Clock } from '../../shared/clock.js';
import { newId } from '../../shared/ids.js';
import * as agentRepo from '../agents/index.js';
import * as customerRepo from '../customers/index.js';
import type { OutboxService } from '../comms/outbox.service.js';
import { toOutboxView } from '../comms/index.js';
import * as orderRepo from '../orders/index.js';
import { mentionedOrderNumbers } from '../orders/order.js';
import type { CaseRecord } from './case.repo.js';
import type { CaseService } from './case.service.js';
import * as messageRepo from './message.repo.js';

export interface ReplyDraft {
  caseRecord: CaseRecord;
  body: string;
  subject: string | null;
  channel: string;
  authorId: string;
}

/** A check run on every reply before it leaves; features register theirs in app.ts. */
export type ReplyCheck = (q: Queryable, draft: ReplyDraft) => Promise<AuditFinding[]>;

/** What a feature adds to a reply's answer once it is recorded (promises found, commitments opened…). */
export type ReplyRecordedHook = (tx: Tx, recorded: { draft: ReplyDraft; messageId: string; at: Date }) => Promise<Record<string, unknown>>;

/** Adds to a preview what a feature reads in the draft, before anything is sent. */
export type ReplyPreviewHook = (q: Queryable, preview: { draft: ReplyDraft; at: Date }) => Promise<Record<string, unknown>>;

/** Renders `{template, vars}` replies; comms provides it. */
export type ReplyTemplateRenderer = (q: Queryable, input: { caseRecord: CaseRecord; template: string; vars: Record<string, unknown> }) => Promise<{ subject: string | null; body: string }>;

export interface ReplyInput {
  caseId: string;
  authorId: string;
  body?: string | undefined;
  template?: string | undefined;
  vars?: Record<string, unknown> | undefined;
  channel?: string | undefined;
  override?: string[] | undefined;
  note?: string | undefined;
  /** Set when an admin writes for the author: who really sent it, for the audit log. */
  actedBy?: ReplyActor | undefined;
}

/** A principal that writes for another agent: its agent, or its token when it belongs to no agent. */
export interface ReplyActor {
  agentId: string | null;
  tokenId: string;
}

/** Records, in the reply's transaction, that `actor` sent message `messageId` as `authorId`. */
export type ReplyActingForRecorder = (tx: Tx, input: { actor: ReplyActor; messageId: string; authorId: string; at: Date }) => Promise<void>;

/** The channel a reply goes out on: the one the customer last used, unless it has no way back. */
export function replyChannelFor(lastChannel: string | null): string {
  switch (lastChannel) {
    case 'sms':
    case 'social':
    case 'chat':
    case 'email':
      return lastChannel;
    default:
      return 'email';
  }
}

const identityKindByChannel: Record<string, 'email' | 'phone' | 'handle'> = { email: 'email', sms: 'phone', social: 'handle', chat: 'email' };

export function createReplyService(deps: {
  db: Db;
  clock: Clock;
  bus: DomainBus;
  cases: CaseService;
  outbox: OutboxService;
  checks: ReplyCheck[];
  onRecorded: ReplyRecordedHook[];
  /** What the composer shows before sending besides findings (the promises a draft makes…). */
  onPreview?: ReplyPreviewHook[];
  renderTemplate?: ReplyTemplateRenderer;
  recordActingFor?: ReplyActingForRecorder;
}) {
  async function draftReply(q: Queryable, input: ReplyInput): Promise<ReplyDraft> {
    const caseRecord = await deps.cases.requireCase(q, input.caseId);
    const author = await agentRepo.findAgentById(q, input.authorId);
    if (!author) throw new AppError('validation_failed', { detail: `author_id: no agent ${input.authorId}`, field: 'author_id' });
    let subject: string | null = `Re: ${caseRecord.subject}`;
    let body = input.body;
    if (input.template) {
      if (!deps.renderTemplate) throw new AppError('validation_failed', { detail: 'template: templates are not available', field: 'template' });
      const rendered = await deps.renderTemplate(q, { caseRecord, template: input.template, vars: input.vars ?? {} });
      subject = rendered.subject ?? subject;
      body = rendered.body;
    }
    if (!body?.trim()) throw new AppError('validation_failed', { detail: 'body: a reply needs a body or a template', field: 'body' });
    return { caseRecord, body, subject, channel: input.channel ?? replyChannelFor(caseRecord.lastChannel), authorId: author.id };
  }

  async function runChecks(q: Queryable, draft: ReplyDraft): Promise<AuditFinding[]> {
    const findings: AuditFinding[] = [];
    for (const check of deps.checks) findings.push(...(await check(q, draft)));
    return findings;
  }

  /** Checks a reply without sending it: what the composer shows before the agent presses send. */
  async function previewReply(input: ReplyInput) {
    const draft = await draftReply(deps.db, input);
    const extras: Record<string, unknown> = {};
    for (const hook of deps.onPreview ?? []) Object.assign(extras, await hook(deps.db, { draft, at: deps.clock.now() }));
    return { subject: draft.subject, body: draft.body, channel: draft.channel, findings: await runChecks(deps.db, draft), ...extras };
  }

  async function recipientFor(q: Queryable, caseRecord: CaseRecord, channel: string): Promise<string> {
    const kind = identityKindByChannel[channel] ?? 'email';
    const identities = await customerRepo.listIdentitiesOfCustomer(q, caseRecord.customerId);
    const identity = [...identities].reverse().find((candidate) => candidate.kind === kind);
    if (!identity) throw new AppError('validation_failed', { detail: `channel: the customer has no ${kind} to reply to on ${channel}`, field: 'channel' });
    return identity.value;
  }

  async function sendReply(input: ReplyInput) {
    if (input.override?.length && !input.note?.trim()) throw new AppError('validation_failed', { detail: 'note: an override needs a note saying why', field: 'note' });
    const outcome = await withTransaction(deps.db, async (tx) => {
      const draft = await draftReply(tx, input);
      const at = deps.clock.now();
      const to = await recipientFor(tx, draft.caseRecord, draft.channel);
      const findings = await runChecks(tx, draft);
      const overridden = new Set(input.override ?? []);
      const blocking = findings.filter((finding) => !overridden.has(finding.code));
      const orders = await orderRepo.listOrdersOfCustomer(tx, draft.caseRecord.customerId);
      const candidates = [...new Set([...orders.map((order) => order.number), ...(draft.caseRecord.orderNumber ? [draft.caseRecord.orderNumber] : [])])];
      const orderNumbers = mentionedOrderNumbers(draft.body, candidates);
      const audit = { ok: findings.length === 0, findings };
      // What the held and the sent entry share: who wrote what to whom, and the audit.
      const entryBase = {
        caseId: draft.caseRecord.id,
        customerId: draft.caseRecord.customerId,
        orderNumber: orderNumbers[0] ?? draft.caseRecord.orderNumber,
        origin: 'agent_reply',
        channel: draft.channel,
        to,
        subject: draft.subject,
        body: draft.body,
        html: null,
        reasonCode: null,
        audit,
        authorId: draft.authorId,
        at,
      };
      if (blocking.length > 0) {
        const held = await deps.outbox.enqueue(tx, { ...entryBase, idempotencyKey: `reply:${newId('out')}`, messageId: null, status: 'held', override: null });
        return { held: true as const, findings: blocking, outbox: held };
      }
      const message = await messageRepo.insertMessage(tx, {
        caseId: draft.caseRecord.id,
        customerId: draft.caseRecord.customerId,
        direction: 'out',
        channel: draft.channel,
        authorKind: 'agent',
        authorId: draft.authorId,
        subject: draft.subject,
        body: draft.body,
        html: null,
        threadRef: null,
        externalId: null,
        eventId: null,
        orderNumbers,
        noise: null,
        status: 'queued',
        at,
      });
      const queued = await deps.outbox.enqueue(tx, {
        ...entryBase,
        idempotencyKey: `reply:${message.id}`,
        messageId: message.id,
        messageText: { body: message.body, html: message.html },
        status: 'queued',
        override: overridden.size > 0 ? { by: draft.authorId, codes: [...overridden], note: input.note ?? '', at: at.toISOString() } : null,
      });
      // The outbox holds what no check here can see, e.g. a message to a gift's recipient (`gift_recipient`).
      if (queued.status === 'held') return { held: true as const, findings: queued.audit.findings.filter((finding) => !overridden.has(finding.code)), outbox: queued };
      if (input.actedBy) await deps.recordActingFor?.(tx, { actor: input.actedBy, messageId: message.id, authorId: draft.authorId, at });
      await deps.bus.emit('message.recorded', { message, caseRecord: draft.caseRecord, opened: false }, tx);
      announceCaseUpdated(tx, { bus: deps.bus, caseId: input.caseId });
      const extras: Record<string, unknown> = {};
      for (const hook of deps.onRecorded) Object.assign(extras, await hook(tx, { draft, messageId: message.id, at }));
      return { held: false as const, message, outbox: queued, extras };
    });
    if (outcome.held) return { held: true as const, findings: outcome.findings, outbox: toOutboxView(outcome.outbox) };
    const message = await messageRepo.findMessageById(deps.db, outcome.message.id);
    return { held: false as const, message: message ?? outcome.message, outbox_id: outcome.outbox.id, ...outcome.extras };
  }

  return { previewReply, sendReply };
}

export type ReplyService = ReturnType<typeof createReplyService>;
