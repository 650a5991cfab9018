// One voice at run time: the fact audit as a reply check, template replies, and the messages Kept sends
// itself (acknowledgements, reasons' fallbacks) rendered from typed templates, audited and written to the
// outbox in the caller's transaction. A message that fails its audit is held and its case flagged.
import type { Logger } from 'pino';
import { historyOf } from '../../db/history-transaction.js';
import type { Db, Queryable, Tx } from '../../db/create-db.js';
import type { AuditFinding } from '../../db/database.js';
import type { DomainBus, DomainFact } from '../../domain-events.js';
import type { FallbackOutcome, FallbackSender } from '../commitments/engine-ports.js';
import { AppError } from '../../shared/app-error.js';
import type { Clock } from '../../shared/clock.js';
import * as caseRepo from '../cases/index.js';
import * as messageRepo from '../cases/index.js';
import type { ReplyCheck, ReplyTemplateRenderer } from '../cases/reply.service.js';
import * as customerRepo from '../customers/index.js';
import * as orderRepo from '../orders/index.js';
import { mentionedOrderNumbers, orderStateByEvent } from '../orders/order.js';
import type { CommsConfig } from './comms-config.js';
import { buildCustomerFacts } from './customer-facts.js';
import { auditMessage } from './fact-audit.js';
import type { CustomerFactsInput } from './facts.schemas.js';
import { fallbackTemplate } from './fallback-template.js';
import { filesNotKeptLines, filesNotKeptNotice, filesNotKeptText, withFilesNotKept } from './files-not-kept.js';
import { findClaims } from './message-claims.js';
import { findStatedReasons } from './reason-catalog.js';
import * as outboxRepo from './outbox.repo.js';
import type { OutboxService } from './outbox.service.js';
import { renderTemplate } from './render-template.js';
import type { MessageTemplate } from './template.schemas.js';
import { factsFromVars, readClientVars, recordVars, sampleVars, templateVars, type VarValues } from './template-vars.js';

export interface OneVoiceOptions {
  db: Db;
  clock: Clock;
  bus: DomainBus;
  logger: Logger;
  outbox: OutboxService;
  comms: CommsConfig;
  publicUrl: string;
  /** The zone of customers whose own is not known. */
  defaultZone: string;
  /**
   * The config's `email.acknowledgements`: at most `perAddress` acknowledgements of email to one customer
   * within `windowMs` (two autoresponders cannot ping-pong through Kept), besides once per case an hour.
   */
  emailAcknowledgements: { perAddress: number; windowMs: number };
  /** What other features read in a template, added to its listing (the promises it makes). */
  describeTemplate?: (template: MessageTemplate) => Record<string, unknown>;
}

export interface AutomaticMessage {
  caseRecord: caseRepo.CaseRecord | null;
  customerId: string | null;
  order: orderRepo.OrderRecord | null;
  template: MessageTemplate;
  vars: VarValues;
  origin: 'acknowledgement' | 'fallback' | 'attachment_too_large';
  idempotencyKey: string;
  channel: string;
  to: string;
  reasonCode: string | null;
  /** The customer's time zone, when the caller has read the customer already. */
  zone?: string;
  /** Not sent (undefined comes back) when the customer was already sent the very same subject and text. */
  onlyOnce?: boolean;
  /** Lines quoting the customer (the files they sent, by name): Kept claims nothing by them. */
  quoted?: readonly string[];
}

const ackWindowMs = 60 * 60_000;
const identityKindByChannel: Record<string, 'email' | 'phone'> = { email: 'email', sms: 'phone' };
const eventByState = new Map(Object.entries(orderStateByEvent).flatMap(([event, state]) => (state ? [[state, event] as const] : [])));

export function createOneVoiceService(options: OneVoiceOptions) {
  const { db, clock, bus, logger, outbox, publicUrl } = options;
  const { reasons } = options.comms;
  const templates = [...options.comms.templates, ...reasons.map(fallbackTemplate)];
  const templatesById = new Map(templates.map((template) => [template.id, template]));

  function requireTemplate(id: string): MessageTemplate {
    const template = templatesById.get(id);
    if (!template) throw new AppError('validation_failed', { detail: `template: no template ${id}`, field: 'template' });
    return template;
  }

  async function zoneOf(q: Queryable, customerId: string | null): Promise<string> {
    const customer = customerId ? await customerRepo.findCustomerById(q, customerId) : undefined;
    return customer?.timeZone ?? options.defaultZone;
  }

  async function auditText(q: Queryable, input: { text: string; customerId: string | null; orderNumber: string | null; facts?: CustomerFactsInput; zone?: string }): Promise<AuditFinding[]> {
    // A text that claims nothing and states no reason cannot contradict the records: skip reading them.
    if (!input.facts && findClaims(input.text).length === 0 && findStatedReasons(input.text, reasons).length === 0) return [];
    const facts = input.facts ?? (await buildCustomerFacts(q, { customerId: input.customerId, orderNumber: input.orderNumber, zone: input.zone ?? (await zoneOf(q, input.customerId)), reasons }));
    return auditMessage({ text: input.text, facts, reasons }).findings;
  }

  /** The fact audit on an agent's reply (cracks C2 and C3): what reply.service runs before anything leaves. */
  const auditReply: ReplyCheck = (q, draft) => auditText(q, { text: draft.body, customerId: draft.caseRecord.customerId, orderNumber: draft.caseRecord.orderNumber });

  /** `{template, vars}` replies: the case's records fill what the agent did not give. */
  const renderReplyTemplate: ReplyTemplateRenderer = async (q, input) => {
    const template = requireTemplate(input.template);
    const order = input.caseRecord.orderNumber ? ((await orderRepo.findOrderByNumber(q, input.caseRecord.orderNumber)) ?? null) : null;
    const fromRecords = await recordVars(q, { customerId: input.caseRecord.customerId, caseRecord: input.caseRecord, order, reasons, publicUrl });
    const vars = templateVars(template, fromRecords, readClientVars(template, input.vars));
    const rendered = await renderTemplate({ template, vars, zone: await zoneOf(q, input.caseRecord.customerId), reasons });
    return { subject: rendered.subject ?? null, body: rendered.text };
  };

  /** Renders, audits and queues a message Kept sends itself; held (and its case flagged) when the audit fails. */
  async function sendAutomatic(tx: Tx, message: AutomaticMessage & { onlyOnce: true }): Promise<outboxRepo.OutboxRecord | undefined>;
  async function sendAutomatic(tx: Tx, message: AutomaticMessage): Promise<outboxRepo.OutboxRecord>;
  async function sendAutomatic(tx: Tx, message: AutomaticMessage): Promise<outboxRepo.OutboxRecord | undefined> {
    const at = clock.now();
    const zone = message.zone ?? (await zoneOf(tx, message.customerId));
    const rendered = await renderTemplate({ template: message.template, vars: message.vars, zone, reasons });
    if (message.onlyOnce && message.customerId && (await outboxRepo.hasSameMessage(tx, { customerId: message.customerId, to: message.to, subject: rendered.subject ?? null, body: rendered.text })))
      return undefined;
    const orderNumber = message.order?.number ?? message.caseRecord?.orderNumber ?? null;
    // What Kept itself says: a file named "order A-4711.pdf" neither names an order nor claims one.
    const said = (message.quoted ?? []).reduce((text, quote) => text.replaceAll(quote, ''), [rendered.subject ?? '', rendered.text].join('\n'));
    const findings = await auditText(tx, { text: said, customerId: message.customerId, orderNumber, zone });
    const recorded = await messageRepo.insertMessage(tx, {
      caseId: message.caseRecord?.id ?? null,
      customerId: message.customerId,
      direction: 'out',
      channel: message.channel,
      authorKind: 'automatic',
      authorId: null,
      subject: rendered.subject ?? null,
      body: rendered.text,
      html: rendered.html ?? null,
      threadRef: null,
      externalId: null,
      eventId: null,
      // Only an order the text names: an acknowledgement on an order's case must not keep its notify commitment.
      orderNumbers: mentionedOrderNumbers(said, orderNumber ? [orderNumber] : []),
      noise: null,
      status: findings.length > 0 ? 'held' : 'queued',
      at,
    });
    const entry = await outbox.enqueue(tx, {
      idempotencyKey: message.idempotencyKey,
      caseId: message.caseRecord?.id ?? null,
      customerId: message.customerId,
      messageId: recorded.id,
      messageText: { body: recorded.body, html: recorded.html },
      orderNumber,
      origin: message.origin,
      channel: message.channel,
      to: message.to,
      subject: rendered.subject ?? null,
      body: rendered.text,
      html: rendered.html ?? null,
      reasonCode: rendered.reasonCode ?? message.reasonCode,
      status: findings.length > 0 ? 'held' : 'queued',
      audit: { ok: findings.length === 0, findings },
      override: null,
      authorId: null,
      at,
    });
    if (entry.status === 'held') {
      if (message.caseRecord) await caseRepo.updateCase(tx, message.caseRecord.id, { flagged: true, at });
      logger.warn({ outbox_id: entry.id, case_id: entry.caseId, customer_id: entry.customerId, findings: entry.audit.findings }, 'automatic message held');
    } else {
      await bus.emit('message.recorded', { message: { ...recorded, status: 'queued' }, caseRecord: message.caseRecord, opened: false }, tx);
    }
    return entry;
  }

  /** The customer's address on the first channel of `channels` that has a template with this prefix. */
  function addressFor(identities: readonly customerRepo.IdentityRow[], input: { channels: string[]; templatePrefix: string }) {
    for (const channel of [...new Set(input.channels)]) {
      const template = templatesById.get(`${input.templatePrefix}.${channel}`);
      const kind = identityKindByChannel[channel];
      const identity = kind && [...identities].reverse().find((candidate) => candidate.kind === kind);
      if (template && identity) return { channel, to: identity.value, template };
    }
    return undefined;
  }

  /**
   * Whether the customer may be acknowledged on `channel` now under the per-address limit. The engine asks
   * the same (a port), so an acknowledgement this withholds is not owed either.
   */
  async function acknowledgementAllowed(tx: Tx, input: { customerId: string; channel: string; at: Date }): Promise<boolean> {
    if (input.channel !== 'email') return true;
    const { perAddress, windowMs } = options.emailAcknowledgements;
    return (await outboxRepo.countOutboxOfCustomerSince(tx, { customerId: input.customerId, origin: 'acknowledgement', since: new Date(input.at.getTime() - windowMs) })) < perAddress;
  }

  /**
   * Crack C4: every inbound customer message is acknowledged, at most once per case an hour (and per address, by
   * the config). One message at most: files the mail brought and Kept could not keep are named in the
   * acknowledgement when it goes by email, and in a notice of their own, once, when no acknowledgement goes.
   */
  async function acknowledge(fact: DomainFact<'message.recorded'>, tx: Tx): Promise<void> {
    const { message, caseRecord } = fact;
    // A contact replayed from history was answered, or not, back then: it is not acknowledged now.
    if (message.direction !== 'in' || message.authorKind !== 'customer' || message.noise || !caseRecord || historyOf(tx)) return;
    const filesNotKept = fact.filesNotKept ?? [];
    const now = clock.now();
    const due =
      !(await outboxRepo.hasOutboxSince(tx, { caseId: caseRecord.id, origin: 'acknowledgement', since: new Date(now.getTime() - ackWindowMs) })) &&
      (await acknowledgementAllowed(tx, { customerId: caseRecord.customerId, channel: message.channel, at: now }));
    if (!due && filesNotKept.length === 0) return;
    const { customer, identities } = await customerRepo.findCustomerWithIdentities(tx, caseRecord.customerId);
    const target = due ? addressFor(identities, { channels: [message.channel, 'email', 'sms'], templatePrefix: 'acknowledgement' }) : undefined;
    if (due && !target) logger.info({ case_id: caseRecord.id, channel: message.channel }, 'no address to acknowledge on');
    const toldInAck = target?.channel === 'email' && filesNotKept.length > 0;
    const email = filesNotKept.length > 0 && !toldInAck ? [...identities].reverse().find((identity) => identity.kind === 'email') : undefined;
    if (!target && !email) return;
    // The acknowledgement is about the case: its link is the case's page, even when an order is named (whose
    // number it carries as the case's).
    const vars = await recordVars(tx, { customerId: caseRecord.customerId, customer: customer ?? null, caseRecord, order: null, reasons, publicUrl });
    const files: VarValues = filesNotKept.length > 0 ? { files_not_kept: filesNotKeptText(filesNotKept) } : {};
    const common = { caseRecord, customerId: caseRecord.customerId, zone: customer?.timeZone ?? options.defaultZone, order: null, reasonCode: null, quoted: filesNotKeptLines(filesNotKept) };
    if (target) {
      const template = toldInAck ? withFilesNotKept(target.template) : target.template;
      await sendAutomatic(tx, {
        ...common,
        template,
        vars: templateVars(template, vars, files),
        origin: 'acknowledgement',
        idempotencyKey: `ack:${message.id}`,
        channel: target.channel,
        to: target.to,
      });
    }
    if (email) {
      await sendAutomatic(tx, {
        ...common,
        template: filesNotKeptNotice,
        vars: templateVars(filesNotKeptNotice, vars, files),
        origin: 'attachment_too_large',
        idempotencyKey: `attachment-too-large:${message.id}`,
        channel: 'email',
        to: email.value,
      });
    }
  }

  /** The same message on another channel: the template's own sibling (`x.email` → `x.sms`), else the order event's. */
  function otherChannelTemplate(input: { template: MessageTemplate; event: string | undefined; avoid: string | null }): MessageTemplate | undefined {
    const base = input.template.id.replace(new RegExp(`\\.${input.template.channel}$`), '');
    for (const channel of Object.keys(identityKindByChannel).filter((candidate) => candidate !== input.avoid)) {
      const found = templatesById.get(`${base}.${channel}`) ?? (input.event ? templatesById.get(`${input.event}.${channel}`) : undefined);
      if (found) return found;
    }
    return undefined;
  }

  /**
   * Crack C1, the engine's fallback sender for notify commitments: no message kept one in time, so Kept tells
   * the customer itself, once per action key. About an order, the message is the notice of the order's state
   * (it names the new state as the status page does, and states the reason), when the records give all it
   * says; otherwise the reason's own fallback. A customer who already got the very same message is not sent
   * it again.
   */
  const sendFallback: FallbackSender = async (tx, payload) => {
    const order = payload.orderNumber ? ((await orderRepo.findOrderByNumber(tx, payload.orderNumber)) ?? null) : null;
    const caseRecord = payload.caseId ? ((await caseRepo.findCaseById(tx, payload.caseId)) ?? null) : null;
    const customerId = payload.customerId ?? order?.customerId ?? caseRecord?.customerId ?? null;
    const known = (code: string | null | undefined) => (code ? reasons.find((reason) => reason.code === code) : undefined);
    const reason = known(payload.reasonCode) ?? known(order?.reasonCode);
    const skip = (detail: string): FallbackOutcome => ({ outboxId: null, status: 'skipped', detail });
    if (!customerId) return skip('no customer to send to');
    const fromRecords: VarValues = { ...(await recordVars(tx, { customerId, caseRecord, order, reasons, publicUrl })), ...(reason ? { reason: reason.code } : {}) };
    const event = order ? eventByState.get(order.state) : undefined;
    const stateNotice = event ? templatesById.get(`${event}.email`) : undefined;
    const preferred = stateNotice && Object.keys(stateNotice.variables).every((name) => fromRecords[name] !== undefined) ? stateNotice : reason ? fallbackTemplate(reason) : undefined;
    // After a bounce the channel that failed is not tried again: the same message on another channel is.
    const avoid = payload.avoidChannel ?? null;
    const template = preferred && preferred.channel === avoid ? otherChannelTemplate({ template: preferred, event, avoid }) : preferred;
    if (!template) return skip(preferred ? `no template on a channel other than ${avoid}` : 'no reason and no template to send');
    const identities = await customerRepo.listIdentitiesOfCustomer(tx, customerId);
    const kind = identityKindByChannel[template.channel] ?? 'email';
    const to = [...identities].reverse().find((identity) => identity.kind === kind)?.value;
    if (!to) return skip(`the customer has no ${kind} to send the ${template.channel} to`);
    const entry = await sendAutomatic(tx, {
      caseRecord,
      customerId,
      order,
      template,
      vars: templateVars(template, fromRecords),
      origin: 'fallback',
      idempotencyKey: `fallback:${payload.actionKey}`,
      channel: template.channel,
      to,
      reasonCode: reason?.code ?? null,
      onlyOnce: true,
    });
    if (!entry) return skip(`${to} was sent this very message before`);
    return {
      outboxId: entry.id,
      status: entry.status === 'held' ? 'held' : 'queued',
      ...(entry.status === 'held' ? { detail: entry.audit.findings.map((finding) => `${finding.code}: ${finding.detail}`).join('; ') } : {}),
    };
  };

  /** The console's template preview: rendered on its channel with sample or the case's real values, and audited. */
  async function previewTemplate(input: { template: string; vars?: Record<string, unknown> | undefined; caseId?: string | undefined }) {
    const template = requireTemplate(input.template);
    const given = readClientVars(template, input.vars ?? {});
    let vars: VarValues;
    let facts: CustomerFactsInput | undefined;
    let customerId: string | null = null;
    let orderNumber: string | null = null;
    if (input.caseId) {
      const caseRecord = await caseRepo.findCaseById(db, input.caseId);
      if (!caseRecord) throw new AppError('not_found', { detail: `No case ${input.caseId}` });
      const order = caseRecord.orderNumber ? ((await orderRepo.findOrderByNumber(db, caseRecord.orderNumber)) ?? null) : null;
      customerId = caseRecord.customerId;
      orderNumber = caseRecord.orderNumber;
      vars = templateVars(template, await recordVars(db, { customerId, caseRecord, order, reasons, publicUrl }), given);
    } else {
      const today = clock.now().toISOString().slice(0, 10);
      vars = templateVars(template, sampleVars({ template, reasons, publicUrl, today }), given);
      facts = factsFromVars(template, vars);
    }
    const zone = await zoneOf(db, customerId);
    const rendered = await renderTemplate({ template, vars, zone, reasons });
    const findings = await auditText(db, { text: [rendered.subject ?? '', rendered.text].join('\n'), customerId, orderNumber, ...(facts ? { facts } : {}) });
    return {
      template: template.id,
      channel: template.channel,
      subject: rendered.subject ?? null,
      text: rendered.text,
      html: rendered.html ?? null,
      sms: rendered.sms ? { segments: rendered.sms.segments, characters: rendered.sms.characters, encoding: rendered.sms.encoding, within_limit: rendered.sms.withinLimit } : null,
      reason_code: rendered.reasonCode ?? null,
      vars_used: Object.keys(vars),
      findings,
      audit: { ok: findings.length === 0, findings },
    };
  }

  // Read once, on the first listing: the templates do not change while Kept runs.
  let described: Map<string, Record<string, unknown>> | undefined;
  const descriptionOf = (template: MessageTemplate): Record<string, unknown> => {
    described ??= new Map(templates.map((each) => [each.id, options.describeTemplate?.(each) ?? {}]));
    return described.get(template.id) ?? {};
  };

  /** Every template with its variables and their kinds, as the console's composer lists them. */
  function listTemplates() {
    return templates.map((template) => ({
      id: template.id,
      name: template.id,
      event: template.event,
      channel: template.channel,
      subject: template.subject ?? null,
      text: template.text,
      max_segments: template.max_segments ?? null,
      vars: Object.entries(template.variables).map(([name, kind]) => ({ name, kind })),
      ...descriptionOf(template),
    }));
  }

  return { auditReply, renderReplyTemplate, sendAutomatic, acknowledge, acknowledgementAllowed, sendFallback, previewTemplate, listTemplates, requireTemplate };
}

export type OneVoiceService = ReturnType<typeof createOneVoiceService>;
