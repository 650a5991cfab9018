// Surveys (crack C4's survey part): invitations sent by policy after a delivery and after a resolved case,
// at most one per customer per throttle window; answers from Kept's page, its one-click links or outside
// tools all become `survey.responded` through ingest (which opens the follow-up case); a follow-up case's
// loop closes when an agent's message reaches the customer, and its outcome is recorded.
import type { Logger } from 'pino';
import { historyOf } from '../../db/history-transaction.js';
import type { Db, Tx } from '../../db/create-db.js';
import { withTransaction } from '../../db/transaction.js';
import type { DomainBus, DomainFact } from '../../domain-events.js';
import { AppError } from '../../shared/app-error.js';
import type { Clock } from '../../shared/clock.js';
import { caseToken, type CaseService } from '../cases/case.service.js';
import type { OutboxService } from '../comms/outbox.service.js';
import type { IngestService } from '../events/ingest.service.js';
import { surveyNeedsFollowUp } from '../events/ingest.service.js';
import { findBuyerEmail, queueCustomerEmail } from '../claims/customer-email.js';
import { eventScoreOf, mayInvite, median, netPromoterScore, parseAnswer, rate, weeklyNps, type SurveyKind, type SurveysSection } from './survey.js';
import * as repo from './survey.repo.js';
import { invitationText } from './survey-pages.js';

export interface SurveyServiceDeps {
  db: Db;
  clock: Clock;
  bus: DomainBus;
  cases: CaseService;
  outbox: OutboxService;
  ingest: IngestService;
  logger: Logger;
  publicUrl: string;
  settings: SurveysSection;
}

export interface SurveyAnswerInput {
  score: string | undefined;
  comment?: string | undefined;
  contactRequested?: boolean;
}

export type AnswerOutcome = { outcome: 'received' | 'already'; invitation: repo.InvitationRecord } | { outcome: 'invalid'; invitation: repo.InvitationRecord; errors: Record<string, string> };

export function toLoopView(loop: repo.LoopRecord) {
  return {
    case_id: loop.caseId,
    score: loop.score,
    opened_at: loop.openedAt.toISOString(),
    closed_at: loop.closedAt?.toISOString() ?? null,
    closed_by_message_id: loop.closedByMessageId,
    outcome: loop.outcome,
    outcome_note: loop.outcomeNote,
    outcome_at: loop.outcomeAt?.toISOString() ?? null,
  };
}

export function createSurveyService(deps: SurveyServiceDeps) {
  const link = (token: string) => `${deps.publicUrl.replace(/\/$/, '')}/forms/${token}`;

  /** Invites the customer unless surveys are off or they were invited within the throttle window. */
  async function invite(
    tx: Tx,
    input: { customerId: string; caseId: string | null; orderNumber: string | null; trigger: string; kind: SurveyKind; at: Date },
  ): Promise<repo.InvitationRecord | undefined> {
    // A survey of the past is not sent now (src/db/history-transaction.ts).
    if (!deps.settings.enabled || historyOf(tx)) return undefined;
    const lastSentAt = await repo.findLastInvitationTime(tx, input.customerId);
    if (!mayInvite({ lastSentAt, now: input.at, throttleDays: deps.settings.throttle_days })) return undefined;
    const to = await findBuyerEmail(tx, input.customerId);
    if (!to) return undefined;
    // The email goes first, so the invitation is written once, with the outbox entry it was sent as.
    const keys = repo.newInvitationKeys();
    const text = invitationText({ kind: input.kind, link: link(keys.token), orderNumber: input.orderNumber });
    const sent = await queueCustomerEmail(tx, {
      outbox: deps.outbox,
      bus: deps.bus,
      email: { key: `survey:${keys.id}`, customerId: input.customerId, to, caseRecord: null, orderNumber: input.orderNumber, origin: `survey_${input.kind}`, ...text, at: input.at },
    });
    const invitation = await repo.insertInvitation(tx, { ...input, ...keys, toAddress: to, outboxId: sent.status === 'skipped' ? null : sent.outboxId });
    deps.logger.info({ customer_id: input.customerId, invitation_id: invitation.id, trigger: input.trigger, status: sent.status }, 'survey invitation');
    return invitation;
  }

  async function onEventIngested(fact: DomainFact<'event.ingested'>, tx: Tx): Promise<void> {
    const { event, customerId, at } = fact;
    if (event.type === 'order.delivered' && customerId && deps.settings.after_delivery.enabled) {
      await invite(tx, { customerId, caseId: null, orderNumber: event.order?.id ?? null, trigger: 'order.delivered', kind: deps.settings.after_delivery.kind, at });
      return;
    }
    if (event.type !== 'survey.responded') return;
    const data = event.data as Record<string, unknown>;
    const score = typeof data['score'] === 'number' ? data['score'] : undefined;
    if (score === undefined) return;
    const invitationId = typeof data['invitation_id'] === 'string' ? data['invitation_id'] : null;
    const kind = data['survey'] === 'csat' ? 'csat' : 'nps';
    await repo.insertResponse(tx, { eventId: event.id, customerId, invitationId, kind, score, contactRequested: data['contact_requested'] === true, caseId: fact.caseId, at });
    if (fact.caseId && customerId && surveyNeedsFollowUp(data)) {
      await repo.insertLoop(tx, { caseId: fact.caseId, customerId, eventId: event.id, score, at });
    }
  }

  async function onCaseChanged(fact: DomainFact<'case.changed'>, tx: Tx): Promise<void> {
    const { before, after } = fact;
    if (fact.change !== 'state' || after.state !== 'resolved' || before?.state === 'resolved' || !deps.settings.after_resolution.enabled) return;
    await invite(tx, {
      customerId: after.customerId,
      caseId: after.id,
      orderNumber: after.orderNumber,
      trigger: 'case.resolved',
      kind: deps.settings.after_resolution.kind,
      at: after.resolvedAt ?? deps.clock.now(),
    });
  }

  /** An agent's message reaching the customer on a survey follow-up case closes its loop. */
  async function onMessageDelivered(fact: DomainFact<'message.delivered'>, tx: Tx): Promise<void> {
    const { message, caseRecord } = fact;
    if (message.direction !== 'out' || caseRecord?.kind !== 'survey_follow_up') return;
    if (message.authorKind !== 'agent' && message.authorKind !== 'external') return;
    if (await repo.closeLoop(tx, { caseId: caseRecord.id, messageId: message.id, at: deps.clock.now() })) {
      deps.logger.info({ case_id: caseRecord.id, message_id: message.id }, 'survey loop closed');
    }
  }

  async function findInvitation(token: string) {
    return repo.findInvitationByToken(deps.db, token);
  }

  /** Records an answer from the page or a one-click link, once, as a `survey.responded` event. */
  async function answer(token: string, input: SurveyAnswerInput): Promise<AnswerOutcome | undefined> {
    const invitation = await repo.findInvitationByToken(deps.db, token);
    if (!invitation) return undefined;
    if (invitation.respondedAt) return { outcome: 'already', invitation };
    const errors: Record<string, string> = {};
    const parsed = parseAnswer(invitation.kind, input.score);
    if (!parsed.ok) errors['score'] = parsed.error;
    const comment = input.comment?.trim() ?? '';
    if (comment.length > 5000) errors['comment'] = 'The comment is too long (5,000 characters at most)';
    if (!parsed.ok || Object.keys(errors).length > 0) return { outcome: 'invalid', invitation, errors };
    const at = deps.clock.now();
    const score = eventScoreOf(invitation.kind, parsed.value);
    const contactRequested = input.contactRequested === true;
    await deps.ingest.ingestEvents([
      {
        id: `survey-response-${invitation.id}`,
        type: 'survey.responded',
        occurred_at: at.toISOString(),
        customer: { email: invitation.toAddress },
        ...(invitation.orderNumber ? { order: { id: invitation.orderNumber } } : {}),
        data: { score, ...(comment ? { comment } : {}), contact_requested: contactRequested, survey: invitation.kind, answer: parsed.value, invitation_id: invitation.id },
      },
    ]);
    await withTransaction(deps.db, (tx) =>
      repo.markInvitationResponded(tx, { id: invitation.id, response: { answer: parsed.value, score, comment: comment || null, contact_requested: contactRequested }, at }),
    );
    const recorded = (await repo.findInvitationByToken(deps.db, token))!;
    return { outcome: recorded.respondedAt?.getTime() === at.getTime() ? 'received' : 'already', invitation: recorded };
  }

  /** Records whether the customer of a survey follow-up case was won back. */
  async function recordOutcome(input: { caseId: string; outcome: 'recovered' | 'not_recovered'; note: string | null; by: string | null }) {
    const caseRecord = await deps.cases.requireCase(deps.db, input.caseId);
    if (caseRecord.kind !== 'survey_follow_up') throw new AppError('conflict', { detail: `Case ${caseToken(caseRecord.number)} is not a survey follow-up` });
    const loop = await repo.setLoopOutcome(deps.db, { ...input, at: deps.clock.now() });
    if (!loop) throw new AppError('conflict', { detail: `Case ${caseToken(caseRecord.number)} has no survey response on record` });
    return toLoopView(loop);
  }

  /** NPS by week, CSAT, response rate, loop-closure rate and median time to close, over a range. */
  async function report(range: { from: Date; to: Date }) {
    const [responses, invitations, loops] = await Promise.all([repo.listResponses(deps.db, range), repo.countInvitations(deps.db, range), repo.listLoops(deps.db, range)]);
    const nps = responses.filter((response) => response.kind === 'nps');
    const csat = responses.filter((response) => response.kind === 'csat');
    const closed = loops.filter((loop) => loop.closedAt);
    const hoursToClose = closed.map((loop) => (loop.closedAt!.getTime() - loop.openedAt.getTime()) / 3_600_000);
    const medianHours = median(hoursToClose);
    return {
      from: range.from.toISOString(),
      to: range.to.toISOString(),
      nps: { score: netPromoterScore(nps.map((response) => response.score)), responses: nps.length, weekly: weeklyNps(nps) },
      csat: { responses: csat.length, satisfied_rate: rate(csat.filter((response) => response.score >= 8).length, csat.length) },
      response_rate: { invited: invitations.invited, responded: invitations.responded, rate: rate(invitations.responded, invitations.invited) },
      loop_closure: {
        opened: loops.length,
        closed: closed.length,
        rate: rate(closed.length, loops.length),
        median_hours_to_close: medianHours === null ? null : Math.round(medianHours * 100) / 100,
        outcomes: {
          recovered: loops.filter((loop) => loop.outcome === 'recovered').length,
          not_recovered: loops.filter((loop) => loop.outcome === 'not_recovered').length,
          unrecorded: loops.filter((loop) => !loop.outcome).length,
        },
      },
    };
  }

  return { invite, onEventIngested, onCaseChanged, onMessageDelivered, findInvitation, answer, recordOutcome, report };
}

export type SurveyService = ReturnType<typeof createSurveyService>;
