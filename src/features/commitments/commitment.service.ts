// The engine service: feeds what happened into the pure engine and applies its decisions in the
// transaction of what caused them. Timers fire through fireTimer in a transaction of their own.
import type { Logger } from 'pino';
import type { Db, Tx } from '../../db/create-db.js';
import { historyOf } from '../../db/history-transaction.js';
import { afterCommit, withTransaction } from '../../db/transaction.js';
import { announceCaseUpdated } from '../live/announce.js';
import type { DomainBus, DomainEvents, DomainFact } from '../../domain-events.js';
import { AppError } from '../../shared/app-error.js';
import type { Clock } from '../../shared/clock.js';
import type { AgentId, CaseId, CommitmentId, CustomerId } from '../../shared/values.js';
import * as agentRepo from '../agents/index.js';
import * as caseRepo from '../cases/index.js';
import { applyDecision } from './apply-decision.js';
import { runAction, type CaseAnnouncer, type PendingWebhook } from './commitment-actions.js';
import { keepCommitment, reviseCommitment, untouched, waiveCommitment, type Commitment, type CommitmentRevision, type CommitmentState } from './commitment.js';
import type { AcknowledgementAllowed, FallbackSenders, KeepCommitment, OpenCommitment } from './engine-ports.js';
import { requestedTimers, timersFor } from './deadline.js';
import { requestedPolicyId } from './engine-config.js';
import { newId } from '../../shared/ids.js';
import * as repo from './commitment.repo.js';
import { listAgentLoads } from '../agents/index.js';
import { chooseManager, managerLoadsOf } from './choose-manager.js';
import { deliveredMessageInput, escalatedInput, eventInput, inboundMessageInput, signalInput } from './engine-inputs.js';
import type { Decision, EngineConfig, EngineInput, TimerRef } from './engine.types.js';
import { evaluate } from './evaluate.js';
import { createEngineBatches } from './engine-batches.js';
import type { OwedScope } from './owed-set.js';
import type { Timer } from './timer-store.js';
import * as timerRepo from './timer.repo.js';
import type { SendWebhookOptions } from './webhook.js';
import { createWebhookDelivery } from './engine-webhooks.js';

export interface CommitmentServiceDeps {
  db: Db;
  clock: Clock;
  bus: DomainBus;
  logger: Logger;
  engine: EngineConfig;
  /** Who sends a `send_fallback` action's message, by commitment kind (checked against the policies at start). */
  fallbackSenders: FallbackSenders;
  /** Whether comms may acknowledge the customer now (its per-address limit): an acknowledgement it withholds is not owed. */
  acknowledgementAllowed?: AcknowledgementAllowed;
  /** Timers just committed; the scheduler holds those due soon. Set once the scheduler exists. */
  onTimers?: (timers: readonly Timer[]) => void;
  /** Webhook delivery; tests replace the retry timing, never the signing. */
  webhookOptions?: Partial<Pick<SendWebhookOptions, 'maxAttempts' | 'baseDelayMs' | 'maxDelayMs' | 'timeoutMs'>>;
}

/** What a transaction leaves to do after it commits. */
interface AfterCommit {
  timers: Timer[];
  /** The cases whose commitments changed: the console hears of each once the transaction commits. */
  touchedCases: CaseAnnouncer;
  /** Commitment id → its case, for `live.commitment_updated`. */
  touchedCommitments: Map<string, string | null>;
  webhooks: PendingWebhook[];
}

/** A revision as its caller decides it: the change, the commitment's details after it, and the at-risk lead of new timers. */
export interface RevisionRequest extends CommitmentRevision {
  details: Record<string, unknown>;
  atRiskLeadMinutes?: number | undefined;
}

const emptyAfter = (touchedCases: CaseAnnouncer): AfterCommit => ({ timers: [], touchedCases, touchedCommitments: new Map(), webhooks: [] });

export function createCommitmentService(deps: CommitmentServiceDeps) {
  const { db, clock, bus, logger, engine } = deps;
  let onTimers = deps.onTimers;
  const webhooks = createWebhookDelivery({ db, clock, logger, engine, ...(deps.webhookOptions ? { options: deps.webhookOptions } : {}) });

  const opensOn = new Set(engine.policies.flatMap((policy) => policy.on.events));
  // What each open transaction leaves to do once it commits, registered with its after-commit once.
  const pendingAfter = new WeakMap<Tx, AfterCommit>();
  const ownTransactions = new WeakSet<Tx>();
  // Each batch transaction's locked commitments, its timers and its acknowledgements (see engine-batches.ts).
  const batches = createEngineBatches();

  /** Evaluates one input against the owed commitments in scope (locked) and applies the decisions. */
  async function run(tx: Tx, input: EngineInput, scope: OwedScope, after: AfterCommit): Promise<Decision[]> {
    const owed = await batches.owedInScope(tx, scope);
    const now = clock.now();
    const decisions = evaluate({ ...engine, input, now, state: { commitments: owed } });
    if (decisions.length > 0) await applyDecisions({ tx, decisions, owed, now, after });
    return decisions;
  }

  /**
   * Applies decisions in their order. Opens, timers and timer cancellations wait and go out one statement per
   * kind, before anything that could read them (an owner choice, a case marked, an action) and at the end.
   */
  async function applyDecisions(options: {
    tx: Tx;
    decisions: readonly Decision[];
    owed: readonly Commitment[];
    now: Date;
    after: AfterCommit;
    /** What a feature that asked for a commitment wants kept with it, by commitment id. */
    details?: ReadonlyMap<string, Record<string, unknown>>;
  }): Promise<Set<string>> {
    const { tx, now, after } = options;
    const working = new Map(options.owed.map((c) => [c.id as string, c]));
    // The state each commitment was in when read (or last written): its move is guarded on it.
    const origin = new Map<string, CommitmentState>(options.owed.map((c) => [c.id as string, c.state]));
    const dirty = new Set<string>();
    const replayed = new Set<string>();
    // Moves the store refused: the commitment had closed meanwhile; nothing more happens to it here.
    const refused = new Set<string>();
    const opened: Commitment[] = [];
    const moves: DomainEvents['commitments.moved']['moves'] = [];
    const ctx = { tx, bus, now, working, dirty, touchedCases: after.touchedCases, webhooks: after.webhooks, fallbackSenders: deps.fallbackSenders };
    async function writeMoves(): Promise<void> {
      const changed = [...dirty].flatMap((id) => (working.has(id) ? [working.get(id)!] : []));
      dirty.clear();
      const moved = await repo.moveCommitments(
        tx,
        changed.map((c) => ({ from: origin.get(c.id) ?? 'open', to: c })),
      );
      for (const c of changed) {
        if (moved.has(c.id)) {
          const from = origin.get(c.id) ?? 'open';
          if (from !== c.state) moves.push({ commitmentId: c.id, caseId: c.caseId, from, to: c.state });
          origin.set(c.id, c.state);
          batches.put(tx, c, { opened: false });
          continue;
        }
        refused.add(c.id);
        batches.forget(tx, c.id);
        logger.warn({ commitment_id: c.id, state: c.state, case_id: c.caseId }, 'commitment closed meanwhile; left as it is');
      }
    }
    let opens: { key: string; commitment: Commitment }[] = [];
    let timers: TimerRef[] = [];
    let cancelled: string[] = [];
    async function flush(): Promise<void> {
      await batches.cancelTimers(tx, cancelled);
      cancelled = [];
      // A commitment opened from history says so: the replay settles it, no timer of the past fires for it.
      const history = historyOf(tx) ? { history: true } : {};
      const inserted = await repo.insertCommitments(
        tx,
        opens.map((open) => ({ ...open, details: { ...(options.details?.get(open.commitment.id) ?? {}), ...history } })),
      );
      for (const { commitment } of opens) {
        if (!inserted.has(commitment.id)) {
          replayed.add(commitment.id);
          continue;
        }
        working.set(commitment.id, commitment);
        origin.set(commitment.id, commitment.state);
        opened.push(commitment);
        after.touchedCommitments.set(commitment.id, commitment.caseId);
        if (commitment.caseId) after.touchedCases.add(commitment.caseId);
        logger.info({ commitment_id: commitment.id, kind: commitment.kind, case_id: commitment.caseId, customer_id: commitment.customerId, due_at: commitment.dueAt }, 'commitment opened');
      }
      opens = [];
      const fresh = timers.filter((timer) => !replayed.has(timer.commitmentId));
      timers = [];
      if (fresh.length > 0) after.timers.push(...(await batches.writeTimers(tx, fresh)));
    }
    for (const decision of options.decisions) {
      switch (decision.type) {
        case 'open': {
          // An escalation whose breach the store refused (the commitment had been kept) is not opened.
          if (refused.has(decision.commitment.openedBy.replace(/:escalate$/, ''))) break;
          const needsOwner = decision.commitment.ownerRole === 'manager' && decision.commitment.ownerId === null;
          // The fairest manager is chosen from the escalations written so far.
          if (needsOwner) await flush();
          const commitment = needsOwner ? await withOwner(tx, decision.commitment, working) : decision.commitment;
          opens.push({ key: decision.key, commitment });
          if (commitment.kind === 'escalation' && commitment.caseId) {
            await flush();
            if (!replayed.has(commitment.id)) await markEscalated(tx, commitment.caseId, now);
          }
          break;
        }
        case 'schedule':
          timers.push(decision.timer);
          break;
        case 'cancel_timers':
          if (timers.some((timer) => timer.commitmentId === decision.commitmentId)) await flush();
          cancelled.push(decision.commitmentId);
          break;
        case 'action':
          await flush();
          // The state the action follows (breached, at risk) is written first: an action runs only on a move made.
          await writeMoves();
          // Nothing of the past reaches anyone now: no message, escalation or webhook from a history replay.
          if (refused.has(decision.action.commitmentId) || historyOf(tx)) break;
          if (await runAction(ctx, decision.action))
            logger.info({ commitment_id: decision.action.commitmentId, case_id: decision.action.caseId, action: decision.action.action.type, key: decision.action.key }, 'commitment action');
          break;
        default: {
          if (!working.has(decision.commitmentId) && opens.some((open) => open.commitment.id === decision.commitmentId)) await flush();
          const current = working.get(decision.commitmentId);
          if (!current) break;
          working.set(current.id, applyDecision(current, decision));
          dirty.add(current.id);
          after.touchedCommitments.set(current.id, current.caseId);
          if (current.caseId) after.touchedCases.add(current.caseId);
        }
      }
    }
    await flush();
    await writeMoves();
    const openedIds = new Set(opened.map((commitment) => commitment.id as string));
    for (const id of openedIds) batches.put(tx, working.get(id)!, { opened: true });
    if (moves.length > 0) await bus.emit('commitments.moved', { moves, at: now }, tx);
    return openedIds;
  }

  /** An escalation gets its manager here: the fairest choice, never the one who let the last one breach. */
  async function withOwner(tx: Tx, commitment: Commitment, working: Map<string, Commitment>): Promise<Commitment> {
    if (commitment.ownerRole !== 'manager' || commitment.ownerId !== null) return commitment;
    const breachedId = commitment.openedBy.endsWith(':escalate') ? commitment.openedBy.slice(0, -':escalate'.length) : null;
    const breached = breachedId ? working.get(breachedId) : undefined;
    const exclude: AgentId[] = breached?.kind === 'escalation' && breached.ownerId ? [breached.ownerId] : [];
    return { ...commitment, ownerId: chooseManager({ managers: managerLoadsOf(await listAgentLoads(tx)), exclude }) };
  }

  async function markEscalated(tx: Tx, caseId: string, now: Date): Promise<void> {
    const before = await caseRepo.findCaseById(tx, caseId);
    if (!before || before.escalated) return;
    const after = await caseRepo.updateCase(tx, caseId, { escalated: true, at: now });
    await bus.emit('case.changed', { before, after, change: 'escalated', by: null }, tx);
  }

  /**
   * What `tx` leaves to do once it commits, gathered over every evaluation in it and done once: timers to the
   * scheduler, webhooks sent, the console told.
   */
  function afterOf(tx: Tx): AfterCommit {
    let after = pendingAfter.get(tx);
    if (!after) {
      // In a transaction the engine owns (a timer, a revision, a waiver) the cases it touched are announced,
      // once each, after the commit; in another's, its owner announces the case and the engine its commitments.
      const created = emptyAfter({ add: (caseId) => (ownTransactions.has(tx) ? announceCaseUpdated(tx, { bus, caseId }) : undefined) });
      after = created;
      pendingAfter.set(tx, created);
      afterCommit(tx, () => finish(created));
    }
    return after;
  }

  async function finish(after: AfterCommit): Promise<void> {
    if (after.timers.length) onTimers?.(after.timers);
    for (const webhook of after.webhooks) webhooks.deliver(webhook);
    for (const [commitmentId, caseId] of after.touchedCommitments) await bus.emit('live.commitment_updated', { commitmentId, caseId });
  }

  /** A batch is starting: lock the owed commitments of every case and order it names, once. */
  async function onBatchStarted(fact: DomainFact<'batch.started'>, tx: Tx): Promise<void> {
    await batches.start(tx, fact);
  }

  /**
   * A batch is about to commit: its timers are written, and the scheduler hears of them. A history batch
   * settles instead what it has reached, and hands the scheduler only the timers that fall after the horizon.
   */
  async function onBatchEnding(_fact: DomainFact<'batch.ending'>, tx: Tx): Promise<void> {
    const timers = await batches.end(tx);
    const history = historyOf(tx);
    if (history) await settleHistory(tx, { upTo: history.settleUpTo, horizon: history.horizon });
    const live = history ? timers.filter((timer) => timer.fireAt.getTime() >= history.horizon.getTime()) : timers;
    if (live.length > 0) afterOf(tx).timers.push(...live);
  }

  /**
   * Commitments opened from history and due by `upTo` were broken then (a later history event may still keep
   * them late); their timers before the horizon never fire. An import settles up to the horizon at its end.
   */
  async function settleHistory(tx: Tx, options: { upTo: Date; horizon: Date }): Promise<void> {
    await timerRepo.deleteHistoryTimersBefore(tx, { horizon: options.horizon });
    const breached = await repo.breachHistoryCommitments(tx, { upTo: options.upTo });
    for (const commitment of breached) batches.forget(tx, commitment.id);
    if (breached.length > 0) await bus.emit('commitments.moved', { moves: breached.map((c) => ({ commitmentId: c.id, caseId: c.caseId, from: 'open', to: 'breached' })), at: clock.now() }, tx);
  }

  async function onEventIngested(fact: DomainFact<'event.ingested'>, tx: Tx): Promise<void> {
    const { event, customerId, caseId } = fact;
    // The case is read for the policies that may open on this type (their matchers and owners); an event
    // no policy opens on can only keep commitments, which needs no case.
    const caseRecord = caseId && opensOn.has(event.type) ? await caseRepo.findCaseById(tx, caseId) : undefined;
    const orderNumber = event.order?.id ?? null;
    await run(tx, eventInput({ event, customerId, caseId, caseRecord }), { caseId, orderNumbers: orderNumber ? [orderNumber] : [] }, afterOf(tx));
  }

  async function onMessageRecorded(fact: DomainFact<'message.recorded'>, tx: Tx): Promise<void> {
    const { message, caseRecord } = fact;
    if (message.direction !== 'in' || message.noise) return;
    const caseId = message.caseId ?? caseRecord?.id ?? null;
    const customerId = caseRecord?.customerId ?? message.customerId;
    const recentlyAcknowledged = caseId
      ? (await batches.hasRecentAcknowledgement(tx, { caseId, at: message.at })) ||
        (customerId !== null && deps.acknowledgementAllowed !== undefined && !(await deps.acknowledgementAllowed(tx, { customerId, channel: message.channel, at: clock.now() })))
      : false;
    await run(tx, inboundMessageInput({ message, caseRecord, recentlyAcknowledged }), { caseId }, afterOf(tx));
  }

  async function onMessageDelivered(fact: DomainFact<'message.delivered'>, tx: Tx): Promise<void> {
    const { message, caseRecord, at } = fact;
    if (message.direction !== 'out') return;
    const agent = message.authorKind === 'agent' && message.authorId ? await agentRepo.findAgentById(tx, message.authorId) : undefined;
    const input = deliveredMessageInput({ message, caseRecord, agentRole: agent?.role ?? null, at });
    await run(tx, input, { caseId: message.caseId ?? caseRecord?.id ?? null, orderNumbers: message.orderNumbers }, afterOf(tx));
  }

  /**
   * A message that kept commitments failed after all (a bounce): they are owed again (open with their timers,
   * or breached past their deadline), and their kind's fallback is tried on another channel than the one that
   * failed. The reopening is the repo's one named move out of `kept`, guarded on `fulfilled_by`.
   */
  async function onMessageFailed(fact: DomainFact<'message.failed'>, tx: Tx): Promise<void> {
    const { message } = fact;
    if (message.direction !== 'out') return;
    const after = afterOf(tx);
    const now = clock.now();
    for (const reopened of await repo.reopenCommitmentsKeptByBouncedMessage(tx, { messageId: message.id, at: now })) {
      batches.put(tx, reopened, { opened: false });
      after.touchedCommitments.set(reopened.id, reopened.caseId);
      if (reopened.caseId) after.touchedCases.add(reopened.caseId);
      logger.info({ commitment_id: reopened.id, case_id: reopened.caseId, message_id: message.id, state: reopened.state }, 'commitment owed again: the message that kept it failed');
      if (reopened.state === 'open') {
        const policy = engine.policies.find((candidate) => candidate.id === reopened.policyId);
        const timers = timersFor(reopened, policy).filter((timer) => timer.kind === 'breach' || timer.fireAt.getTime() > now.getTime());
        after.timers.push(...(await batches.writeTimers(tx, timers)));
      }
      const key = `${reopened.id}:bounced:${message.id}`;
      const send = deps.fallbackSenders[reopened.kind];
      if (!(await repo.recordAction(tx, { key, commitmentId: reopened.id, action: 'send_fallback', result: {}, at: now }))) continue;
      const outcome = send
        ? await send(tx, {
            commitmentId: reopened.id,
            kind: reopened.kind,
            actionKey: key,
            caseId: reopened.caseId,
            customerId: reopened.customerId,
            orderNumber: reopened.orderId,
            reasonCode: reopened.reasonCode,
            avoidChannel: message.channel,
          })
        : { outboxId: null, status: 'skipped', detail: `no fallback sender for ${reopened.kind} commitments` };
      await repo.setActionResult(tx, { key, result: { ...outcome } });
    }
  }

  async function onCaseChanged(fact: DomainFact<'case.changed'>, tx: Tx): Promise<void> {
    const { before, after: changed, change, by } = fact;
    if (change === 'opened') batches.caseOpened(tx, changed.id);
    if (change === 'assigned' && before?.ownerId !== changed.ownerId) {
      await repo.moveCaseCommitments(tx, { caseId: changed.id, ownerId: changed.ownerId });
      batches.caseMoved(tx, { caseId: changed.id, ownerId: changed.ownerId });
      return;
    }
    if (change === 'escalated' && by !== null) {
      await run(tx, escalatedInput({ caseRecord: changed, by, note: fact.note, at: clock.now() }), { caseId: changed.id }, afterOf(tx));
      return;
    }
    if (change !== 'state' || before?.state === changed.state) return;
    const changeId = `case:${changed.id}:${changed.state}:${clock.now().toISOString()}`;
    await run(tx, { kind: 'case_change', caseId: changed.id as CaseId, state: changed.state, changeId }, { caseId: changed.id }, afterOf(tx));
  }

  async function onSignalDetected(fact: DomainFact<'signal.detected'>, tx: Tx): Promise<void> {
    const caseRecord = await caseRepo.findCaseById(tx, fact.caseId);
    await run(tx, signalInput({ ...fact, caseRecord }), { caseId: fact.caseId }, afterOf(tx));
  }

  /**
   * The engine's `openCommitment` port: opens a commitment another feature asks for (a promise made in words,
   * a claim's document) once per `key`, with its timers, and returns its id — the one opened before under the
   * same key on a replay (which then takes these details).
   */
  const openCommitment: OpenCommitment = async (tx, request) => {
    const now = clock.now();
    const commitment: Commitment = {
      id: newId('com') as CommitmentId,
      kind: request.kind,
      state: 'open',
      policyId: request.policyId && engine.policies.some((policy) => policy.id === request.policyId) ? request.policyId : requestedPolicyId(request.kind),
      openedAt: now,
      dueAt: request.dueAt,
      calendarName: null,
      ownerId: request.ownerId as AgentId | null,
      ownerRole: request.ownerRole ?? 'agent',
      caseId: request.caseId as CaseId | null,
      customerId: request.customerId as CustomerId | null,
      orderId: request.orderNumber,
      openedBy: request.openedBy,
      ...untouched,
      reasonCode: null,
    };
    const timers = requestedTimers({ commitment, atRiskLeadMinutes: request.atRiskLeadMinutes, now });
    const decisions: Decision[] = [{ type: 'open', key: request.key, commitment }, ...timers.map((timer): Decision => ({ type: 'schedule', timer }))];
    const opened = await applyDecisions({ tx, decisions, owed: [], now, after: afterOf(tx), details: new Map([[commitment.id, request.details]]) });
    if (opened.has(commitment.id)) return commitment.id;
    const existing = await repo.findCommitmentIdByOpenKey(tx, request.key);
    if (!existing) throw new Error(`commitment ${request.key} was neither opened nor found`);
    if (Object.keys(request.details).length > 0) await repo.setCommitmentDetails(tx, { id: existing, details: request.details });
    return existing;
  };

  /** The `keepCommitment` port: keeps an owed commitment inside the caller's transaction; a closed one is left alone. */
  const keepCommitmentIn: KeepCommitment = async (tx, options) => {
    const [current] = await batches.owedInScope(tx, { ids: [options.commitmentId] });
    if (!current) return;
    const kept = keepCommitment(current, { by: options.by, at: options.at });
    if (!(await repo.moveCommitments(tx, [{ from: current.state, to: kept }])).has(kept.id)) return;
    await batches.cancelTimers(tx, [current.id]);
    batches.put(tx, kept, { opened: false });
    await bus.emit('commitments.moved', { moves: [{ commitmentId: kept.id, caseId: kept.caseId, from: current.state, to: kept.state }], at: options.at }, tx);
    const after = afterOf(tx);
    after.touchedCommitments.set(kept.id, kept.caseId);
    if (kept.caseId) after.touchedCases.add(kept.caseId);
  };

  /** A person's change to one commitment read under its lock: the store refusing it is a conflict. */
  async function moveOne(tx: Tx, move: repo.CommitmentMove): Promise<void> {
    if (!(await repo.moveCommitments(tx, [move])).has(move.to.id)) throw new AppError('conflict', { detail: `commitment ${move.to.id} is ${move.from}: it cannot change` });
    if (move.from !== move.to.state) await bus.emit('commitments.moved', { moves: [{ commitmentId: move.to.id, caseId: move.to.caseId, from: move.from, to: move.to.state }], at: clock.now() }, tx);
  }

  /** The scheduler's fire: one timer, in its own transaction; the timer row goes with the decisions. */
  async function fireTimer(timer: Timer): Promise<void> {
    // What the fire queued (a fallback) is delivered after its commit, before this returns: the next timer
    // of the commitment then sees it kept.
    await withTransaction(db, async (tx) => {
      ownTransactions.add(tx);
      const subject = await repo.findSubjectOfCommitment(tx, timer.commitmentId);
      if (subject) {
        const orderNumbers = subject.caseId === null && subject.orderNumber ? [subject.orderNumber] : [];
        await run(tx, { kind: 'tick', timer }, { caseId: subject.caseId, orderNumbers, ids: [timer.commitmentId] }, afterOf(tx));
      }
    });
    // Only now, its deliveries made, is the timer gone: until then the commitment's later timers wait for it
    // (the claim's order rule), in this process and in any other. A crash before this line fires it again
    // after its lease, and every action it runs is recorded once under its key.
    await timerRepo.deleteTimer(db, timer.id);
  }

  /**
   * A person revises an open commitment: moves its deadline (its timers are replaced, so the scheduler fires
   * at the new time, once), gives it another owner, or dismisses it. `decide` reads it under its lock, in the
   * transaction, and says what changes, or throws (a commitment it may not touch, a person who may not).
   */
  async function revise(input: { id: string; decide: (tx: Tx, current: repo.CommitmentRecord) => Promise<RevisionRequest> }) {
    const record = await withTransaction(db, async (tx) => {
      ownTransactions.add(tx);
      const after = afterOf(tx);
      const current = await repo.lockCommitment(tx, input.id);
      const before = current && (await repo.findCommitmentRecord(tx, input.id));
      if (!current || !before) throw new AppError('not_found', { detail: `No commitment ${input.id}` });
      const request = await input.decide(tx, before);
      const now = clock.now();
      const revised = reviseCommitment(current, { ...request, at: now });
      await moveOne(tx, { from: current.state, to: revised });
      await repo.setCommitmentDetails(tx, { id: revised.id, details: request.details });
      if (request.dismiss || request.dueAt) await timerRepo.deleteTimersOfCommitments(tx, [revised.id]);
      if (!request.dismiss && request.dueAt) after.timers.push(...(await timerRepo.insertTimers(tx, requestedTimers({ commitment: revised, atRiskLeadMinutes: request.atRiskLeadMinutes, now }))));
      after.touchedCommitments.set(revised.id, revised.caseId);
      if (revised.caseId) after.touchedCases.add(revised.caseId);
      return (await repo.findCommitmentRecord(tx, revised.id))!;
    });
    logger.info({ commitment_id: record.id, case_id: record.caseId, state: record.state, due_at: record.dueAt, owner_id: record.ownerId }, 'commitment revised');
    return repo.toCommitmentView(record);
  }

  /** A manager waives an owed commitment with a reason; it leaves every list of what is owed. */
  async function waive(input: { id: string; by: { agentId: string | null; role: agentRepo.Role }; reason: string }) {
    const record = await withTransaction(db, async (tx) => {
      ownTransactions.add(tx);
      const current = await repo.lockCommitment(tx, input.id);
      if (!current) throw new AppError('not_found', { detail: `No commitment ${input.id}` });
      const waived = waiveCommitment(current, { by: { id: (input.by.agentId ?? 'admin') as AgentId, role: input.by.role }, reason: input.reason, at: clock.now() });
      await moveOne(tx, { from: current.state, to: waived });
      await timerRepo.deleteTimersOfCommitments(tx, [waived.id]);
      const after = afterOf(tx);
      after.touchedCommitments.set(waived.id, waived.caseId);
      if (waived.caseId) after.touchedCases.add(waived.caseId);
      return repo.findCommitmentRecord(tx, waived.id);
    });
    logger.info({ commitment_id: input.id, by: input.by.agentId }, 'commitment waived');
    return repo.toCommitmentView(record!);
  }

  /** Ends a history replay: every commitment it opened and due by the horizon is settled; the rest are live. */
  async function finishHistory(options: { horizon: Date }): Promise<void> {
    await withTransaction(db, (tx) => settleHistory(tx, { upTo: options.horizon, horizon: options.horizon }));
  }

  return {
    onBatchStarted,
    onBatchEnding,
    finishHistory,
    openCommitment,
    keepCommitment: keepCommitmentIn,
    resumePendingWebhooks: webhooks.resumePending,
    onEventIngested,
    onMessageRecorded,
    onMessageDelivered,
    onMessageFailed,
    onCaseChanged,
    onSignalDetected,
    fireTimer,
    waive,
    revise,
    setOnTimers(handler: (timers: readonly Timer[]) => void) {
      onTimers = handler;
    },
    /** Waits for webhooks being delivered (tests, and a graceful stop). */
    drainWebhooks: webhooks.drain,
  };
}

export type CommitmentService = ReturnType<typeof createCommitmentService>;
