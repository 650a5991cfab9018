// The commitment engine's pure core: (policies, input, now, owed commitments) → decisions.
// It reads no clock and touches no store; the service applies the decisions in one transaction.
import { newId } from '../../shared/ids.js';
import type { CommitmentId } from '../../shared/values.js';
import { isOwed, untouched, type Commitment } from './commitment.js';
import { calendarNameFor, computeDueAt, shiftDueAt, timersFor } from './deadline.js';
import type { ActionDecision, CaseSnapshot, Decision, EngineConfig, EngineEvent, EngineInput, OutboundMessage, TimerRef } from './engine.types.js';
import { matches } from './matcher.js';
import type { Policy, PolicyAction } from './policy.schemas.js';

export interface EvaluateOptions extends EngineConfig {
  input: EngineInput;
  now: Date;
  /** The owed commitments the input may touch: those of its case, its order and the timer's commitment. */
  state: { commitments: readonly Commitment[] };
  newCommitmentId?: () => CommitmentId;
}

const defaultId = (): CommitmentId => newId('com') as CommitmentId;

/** Decides what an event, a case change, an outbound message or a timer tick does to commitments. */
export function evaluate(options: EvaluateOptions): Decision[] {
  const { input } = options;
  switch (input.kind) {
    case 'event':
      return [...fulfilByEvent(options, input.event), ...openFromEvent(options, input.event, input.case)];
    case 'message_out':
      return fulfilByMessage(options, input.message);
    case 'case_change':
      return onCaseChange(options, input.caseId, input.state, input.changeId);
    case 'tick':
      return onTick(options, input.timer);
  }
}

function policyOf(options: EngineConfig, commitment: Commitment): Policy | undefined {
  return options.policies.find((p) => p.id === commitment.policyId);
}

function fulfil(commitment: Commitment, by: string, at: Date): Decision[] {
  return [
    { type: 'fulfil', commitmentId: commitment.id, by, at, late: commitment.state === 'breached' || at.getTime() > commitment.dueAt.getTime() },
    { type: 'cancel_timers', commitmentId: commitment.id },
  ];
}

function fulfilByEvent(options: EvaluateOptions, event: EngineEvent): Decision[] {
  return options.state.commitments.flatMap((c) => {
    if (!isOwed(c)) return [];
    const sameSubject = c.orderId !== null ? c.orderId === event.orderId : c.caseId !== null && c.caseId === event.caseId;
    const rules = policyOf(options, c)?.fulfilled_by ?? [];
    const keeps = sameSubject && rules.some((r) => 'event' in r && r.event === event.type);
    return keeps ? fulfil(c, event.id, event.occurredAt) : [];
  });
}

function openFromEvent(options: EvaluateOptions, event: EngineEvent, caseSnapshot: CaseSnapshot | null): Decision[] {
  // Matchers are written in the config's snake_case, so they see the event and case as the API shows them.
  const subject = {
    event: { id: event.id, type: event.type, occurred_at: event.occurredAt.toISOString(), data: event.data, case_id: event.caseId, customer_id: event.customerId, order_id: event.orderId },
    case: caseSnapshot && { id: caseSnapshot.id, state: caseSnapshot.state, owner_id: caseSnapshot.ownerId, team: caseSnapshot.team, channel: caseSnapshot.channel },
  };
  const decisions: Decision[] = [];
  for (const policy of options.policies) {
    if (!policy.on.events.includes(event.type)) continue;
    if (policy.on.match && !matches(policy.on.match, subject)) continue;
    if (alreadyOpen(options.state.commitments, policy, event)) continue;
    const calendarName = calendarNameFor(policy.deadline, caseSnapshot?.team ?? null, options);
    const openedAt = event.occurredAt;
    const reason = event.data['reason'];
    const commitment: Commitment = {
      id: (options.newCommitmentId ?? defaultId)(),
      kind: policy.opens,
      state: 'open',
      policyId: policy.id,
      openedAt,
      dueAt: computeDueAt({ rule: policy.deadline, from: openedAt, calendarName, config: options }),
      calendarName,
      ownerId: policy.owner === 'case_owner' ? (caseSnapshot?.ownerId ?? null) : null,
      ownerRole: policy.owner === 'manager' ? 'manager' : 'agent',
      caseId: event.caseId,
      customerId: event.customerId,
      orderId: event.orderId,
      openedBy: event.id,
      ...untouched,
      reasonCode: typeof reason === 'string' ? reason : null,
    };
    decisions.push({ type: 'open', key: `open:${policy.id}:${event.id}`, commitment });
    for (const timer of timersFor(commitment, policy)) decisions.push({ type: 'schedule', timer });
  }
  return decisions;
}

function alreadyOpen(commitments: readonly Commitment[], policy: Policy, event: EngineEvent): boolean {
  if (policy.once_per === 'event') return false;
  const field = policy.once_per === 'case' ? 'caseId' : 'orderId';
  const value = event[field];
  if (value === null) return false;
  return commitments.some((c) => c.state === 'open' && c.policyId === policy.id && c[field] === value);
}

function authorFits(rule: 'any' | 'human' | 'automatic' | 'manager', author: OutboundMessage['author']): boolean {
  if (rule === 'any') return true;
  if (rule === 'manager') return author.kind === 'human' && (author.role === 'manager' || author.role === 'admin');
  return author.kind === rule;
}

function fulfilByMessage(options: EvaluateOptions, message: OutboundMessage): Decision[] {
  if (message.status !== 'sent') return [];
  return options.state.commitments.flatMap((c) => {
    if (!isOwed(c) || message.sentAt.getTime() < c.openedAt.getTime()) return [];
    const mentionsOrder = c.orderId !== null && message.orderIds.includes(c.orderId);
    const onCase = c.caseId !== null && c.caseId === message.caseId;
    const rules = policyOf(options, c)?.fulfilled_by ?? [];
    const keeps = rules.some((r) => {
      if (!('message_out' in r)) return false;
      if (!authorFits(r.message_out.author, message.author)) return false;
      return r.message_out.mentions_order ? mentionsOrder : onCase;
    });
    return keeps ? fulfil(c, message.id, message.sentAt) : [];
  });
}

function onCaseChange(options: EvaluateOptions, caseId: string, state: CaseSnapshot['state'], changeId: string): Decision[] {
  const { now } = options;
  const ofCase = options.state.commitments.filter((c) => c.caseId === caseId);
  if (state === 'resolved') {
    return ofCase.flatMap((c) => {
      const rules = policyOf(options, c)?.fulfilled_by ?? [];
      return isOwed(c) && rules.some((r) => 'case_resolved' in r) ? fulfil(c, changeId, now) : [];
    });
  }
  if (state === 'pending') {
    return ofCase.flatMap((c): Decision[] =>
      c.state === 'open' && c.pausedAt === null && policyOf(options, c)?.pause_while_pending
        ? [
            { type: 'pause', commitmentId: c.id, at: now },
            { type: 'cancel_timers', commitmentId: c.id },
          ]
        : [],
    );
  }
  return ofCase.flatMap((c): Decision[] => {
    if (c.state !== 'open' || c.pausedAt === null) return [];
    const dueAt = shiftDueAt({ dueAt: c.dueAt, pausedAt: c.pausedAt, resumedAt: now, calendarName: c.calendarName, config: options });
    const timers = timersFor({ ...c, dueAt }, policyOf(options, c)).filter((t) => t.kind === 'breach' || t.fireAt.getTime() > now.getTime());
    return [{ type: 'resume', commitmentId: c.id, at: now, dueAt }, ...timers.map((timer): Decision => ({ type: 'schedule', timer }))];
  });
}

function onTick(options: EvaluateOptions, timer: TimerRef): Decision[] {
  const { now } = options;
  const c = options.state.commitments.find((x) => x.id === timer.commitmentId);
  // A timer outlives what it was set for when the commitment was kept, paused or moved: it then does nothing.
  if (!c || c.state !== 'open' || c.pausedAt !== null || c.dueAt.getTime() !== timer.dueAt.getTime()) return [];
  if (now.getTime() < timer.fireAt.getTime()) return [];
  const policy = policyOf(options, c);
  const due = c.dueAt.toISOString();
  const actions = (list: readonly PolicyAction[]): Decision[] =>
    list.flatMap((action, index): Decision[] => {
      const decision: ActionDecision = {
        key: `${c.id}:${timer.kind}:${action.type}:${index}:${due}`,
        phase: timer.kind,
        commitmentId: c.id,
        kind: c.kind,
        ownerId: c.ownerId,
        caseId: c.caseId,
        customerId: c.customerId,
        orderId: c.orderId,
        reasonCode: c.reasonCode,
        dueAt: c.dueAt,
        action,
      };
      return [{ type: 'action', action: decision }, ...(action.type === 'escalate' ? openEscalation(options, c, action, now) : [])];
    });
  if (timer.kind === 'at_risk') {
    return [{ type: 'mark_at_risk', commitmentId: c.id, at: now }, ...actions(policy?.at_risk?.actions ?? [])];
  }
  return [{ type: 'mark_breached', key: `${c.id}:breach:${due}`, commitmentId: c.id, at: now }, ...actions(policy?.on_breach ?? [])];
}

function openEscalation(options: EvaluateOptions, breached: Commitment, action: Extract<PolicyAction, { type: 'escalate' }>, now: Date): Decision[] {
  const policy = action.policy ? options.policies.find((p) => p.id === action.policy) : options.policies.find((p) => p.opens === 'escalation');
  if (!policy) return [];
  // One escalation owed per case (or order, for a commitment without a case) at a time. A breached escalation
  // stays owed, so its breach escalates once more, to another manager, and then the chain stops.
  const sameSubject = (c: Commitment): boolean => (breached.caseId !== null ? c.caseId === breached.caseId : breached.orderId !== null && c.orderId === breached.orderId);
  const owed = options.state.commitments.some((c) => c.id !== breached.id && c.kind === 'escalation' && isOwed(c) && sameSubject(c));
  if (owed) return [];
  const calendarName = breached.calendarName ?? calendarNameFor(policy.deadline, null, options);
  const commitment: Commitment = {
    ...breached,
    id: (options.newCommitmentId ?? defaultId)(),
    kind: 'escalation',
    state: 'open',
    policyId: policy.id,
    openedAt: now,
    dueAt: computeDueAt({ rule: policy.deadline, from: now, calendarName: 'minutes' in policy.deadline ? null : calendarName, config: options }),
    calendarName: 'minutes' in policy.deadline ? null : calendarName,
    ownerId: null,
    ownerRole: 'manager',
    openedBy: `${breached.id}:escalate`,
    atRiskAt: null,
    breachedAt: null,
    keptLate: false,
  };
  const key = `open:${policy.id}:${breached.id}:escalate:${breached.dueAt.toISOString()}`;
  return [{ type: 'open', key, commitment }, ...timersFor(commitment, policy).map((timer): Decision => ({ type: 'schedule', timer }))];
}
