import { beforeEach, describe, expect, it } from 'vitest';
import type { AgentId, CaseId, CommitmentId, CustomerId } from '../../shared/values.js';
import type { Commitment } from './commitment.js';
import type { ActionDecision, CaseSnapshot, Decision, EngineConfig, EngineInput, OutboundMessage, TimerRef } from './engine.types.js';
import { applyDecision } from './apply-decision.js';
import { buildEngineConfig } from './engine-config.js';
import { evaluate } from './evaluate.js';
import { loadDefaultCommitmentConfig } from './policy-defaults.js';
import { commitmentConfigSchema } from './policy.schemas.js';

// The shipped defaults, played through the pure engine by a tiny world that applies its decisions and
// fires its timers in deadline order, the way the service and the scheduler will.
const config: EngineConfig = buildEngineConfig(loadDefaultCommitmentConfig());

const caseId = 'cas_1' as CaseId;
const customerId = 'cus_1' as CustomerId;
const agent = 'agt_ana' as AgentId;
const manager = 'agt_boss' as AgentId;
const openCase: CaseSnapshot = { id: caseId, state: 'open', ownerId: agent, team: 'support', channel: 'email' };

class World {
  now: Date;
  commitments = new Map<string, Commitment>();
  timers: TimerRef[] = [];
  actions: ActionDecision[] = [];
  private seq = 0;

  constructor(start: string) {
    this.now = new Date(start);
  }

  run(input: EngineInput): Decision[] {
    const decisions = evaluate({
      ...config,
      input,
      now: this.now,
      state: { commitments: [...this.commitments.values()] },
      newCommitmentId: () => `com_${++this.seq}` as CommitmentId,
    });
    for (const d of decisions) this.apply(d);
    return decisions;
  }

  private apply(d: Decision): void {
    if (d.type === 'open') this.commitments.set(d.commitment.id, d.commitment);
    if (d.type === 'schedule') this.timers.push(d.timer);
    if (d.type === 'cancel_timers') this.timers = this.timers.filter((t) => t.commitmentId !== d.commitmentId);
    if (d.type !== 'open' && d.type !== 'schedule' && d.type !== 'action') {
      const c = this.commitments.get(d.commitmentId);
      if (c) this.commitments.set(c.id, applyDecision(c, d));
    }
    if (d.type === 'action') {
      // The fallback message goes out as an automatic message naming the order, as the service will send it.
      this.actions.push(d.action);
      if (d.action.action.type === 'send_fallback') {
        this.run({ kind: 'message_out', message: message({ id: `fallback-${d.action.key}`, author: { kind: 'automatic' }, orderIds: d.action.orderId ? [d.action.orderId] : [], sentAt: this.now }) });
      }
    }
  }

  advanceTo(iso: string): void {
    const until = new Date(iso).getTime();
    for (;;) {
      this.timers.sort((a, b) => a.fireAt.getTime() - b.fireAt.getTime());
      const next = this.timers[0];
      if (!next || next.fireAt.getTime() > until) break;
      this.timers.shift();
      this.now = next.fireAt;
      this.run({ kind: 'tick', timer: next });
    }
    this.now = new Date(until);
  }

  only(kind: Commitment['kind']): Commitment {
    const found = [...this.commitments.values()].filter((c) => c.kind === kind);
    expect(found).toHaveLength(1);
    return found[0] as Commitment;
  }
}

function message(partial: Partial<OutboundMessage> & Pick<OutboundMessage, 'id' | 'author'>): OutboundMessage {
  return { caseId, channel: 'email', orderIds: [], status: 'sent', sentAt: new Date(0), ...partial };
}

let seq = 0;
function event(world: World, type: string, data: Record<string, unknown> = {}, orderId: string | null = null): EngineInput {
  return { kind: 'event', event: { id: `evt_${++seq}`, type, occurredAt: world.now, data, caseId, customerId, orderId }, case: openCase };
}

function reply(world: World, author: OutboundMessage['author'], orderIds: string[] = []): EngineInput {
  return { kind: 'message_out', message: message({ id: `msg_${++seq}`, author, orderIds, sentAt: world.now }) };
}

let world: World;
beforeEach(() => {
  world = new World('2026-11-23T10:00:00Z'); // a Monday, inside the default 09:00–17:00 UTC hours
});

describe('acknowledge every inbound contact within 5 minutes', () => {
  it('is kept by the automatic acknowledgement', () => {
    world.run(event(world, 'message.received', { channel: 'web_form' }));
    world.advanceTo('2026-11-23T10:00:20Z');
    world.run(reply(world, { kind: 'automatic' }));
    world.advanceTo('2026-11-23T10:30:00Z');
    expect(world.only('acknowledge')).toMatchObject({ state: 'kept', keptLate: false });
  });

  it('breaches at the fifth minute and escalates the case to a manager', () => {
    world.run(event(world, 'message.received', { channel: 'web_form' }));
    world.advanceTo('2026-11-23T10:06:00Z');
    const ack = world.only('acknowledge');
    expect(ack).toMatchObject({ state: 'breached', breachedAt: new Date('2026-11-23T10:05:00Z') });
    expect(world.actions.filter((a) => a.commitmentId === ack.id).map((a) => a.action.type)).toEqual(['escalate', 'flag']);
    expect(world.only('escalation')).toMatchObject({ ownerRole: 'manager', ownerId: null, openedBy: `${ack.id}:escalate` });
  });
});

describe('first human response within 4 business hours (1 for social)', () => {
  it('the automatic acknowledgement does not keep it; a person does', () => {
    world.run(event(world, 'message.received', { channel: 'email' }));
    world.run(reply(world, { kind: 'automatic' }));
    expect(world.only('first_response').state).toBe('open');
    world.advanceTo('2026-11-23T13:00:00Z');
    world.run(reply(world, { kind: 'human', agentId: agent, role: 'agent' }));
    expect(world.only('first_response')).toMatchObject({ state: 'kept', dueAt: new Date('2026-11-23T14:00:00Z') });
  });

  it('counts only business hours: a Friday-afternoon email is due Monday', () => {
    world = new World('2026-11-27T15:00:00Z'); // Friday 15:00
    world.run(event(world, 'message.received', { channel: 'email' }));
    expect(world.only('first_response').dueAt).toEqual(new Date('2026-11-30T11:00:00Z'));
    world.advanceTo('2026-11-30T12:00:00Z');
    expect(world.only('first_response').state).toBe('breached');
    expect(world.actions.map((a) => `${a.phase}:${a.action.type}`)).toContain('at_risk:flag');
  });

  it('a social post has one business hour', () => {
    world.run(event(world, 'message.received', { channel: 'social' }));
    expect(world.only('first_response')).toMatchObject({ policyId: 'first-response-social', dueAt: new Date('2026-11-23T11:00:00Z') });
    world.advanceTo('2026-11-23T11:00:00Z');
    expect(world.only('first_response').state).toBe('breached');
  });
});

describe('notify the customer of a customer-visible order change within 15 minutes', () => {
  it('is kept by an agent message that names the order, not by one that does not', () => {
    world.run(event(world, 'order.cancelled', { reason: 'payment_verification_failed' }, 'A-1001'));
    world.run(reply(world, { kind: 'human', agentId: agent }, []));
    expect(world.only('notify').state).toBe('open');
    world.run(reply(world, { kind: 'human', agentId: agent }, ['A-1001']));
    world.advanceTo('2026-11-23T11:00:00Z');
    expect(world.only('notify').state).toBe('kept');
    expect(world.actions).toEqual([]);
  });

  it('when nobody writes, Kept sends the fallback 5 minutes before the deadline and the promise is kept', () => {
    world.run(event(world, 'order.delayed', { reason: 'carrier_delay' }, 'A-1002'));
    world.advanceTo('2026-11-23T11:00:00Z');
    const notify = world.only('notify');
    expect(notify).toMatchObject({ state: 'kept', keptLate: false, fulfilledAt: new Date('2026-11-23T10:10:00Z') });
    expect(world.actions).toMatchObject([{ phase: 'at_risk', reasonCode: 'carrier_delay', orderId: 'A-1002', action: { type: 'send_fallback' } }]);
  });

  it('breaches and escalates when the fallback could not be sent', () => {
    world.run(event(world, 'order.payment_failed', { reason: 'card_declined' }, 'A-1003'));
    // The fallback message was held by the fact audit: a held message keeps nothing.
    world.run({ kind: 'message_out', message: message({ id: 'held', author: { kind: 'automatic' }, orderIds: ['A-1003'], status: 'held', sentAt: world.now }) });
    world.timers = world.timers.filter((t) => t.kind !== 'at_risk');
    world.advanceTo('2026-11-23T10:15:00Z');
    expect(world.only('notify').state).toBe('breached');
    expect(world.only('escalation').state).toBe('open');
  });

  it('opens one notify per order change, even on the same order', () => {
    world.run(event(world, 'order.delayed', {}, 'A-1004'));
    world.run(event(world, 'order.delivery_exception', {}, 'A-1004'));
    expect([...world.commitments.values()].filter((c) => c.kind === 'notify')).toHaveLength(2);
  });
});

describe('survey follow-up within 2 business days', () => {
  it('opens for a detractor score or a contact request, not for a happy customer', () => {
    world.run(event(world, 'survey.responded', { score: 9, contact_requested: false }));
    expect([...world.commitments.values()]).toHaveLength(0);
    world.run(event(world, 'survey.responded', { score: 6 }));
    expect(world.only('follow_up').dueAt).toEqual(new Date('2026-11-25T10:00:00Z'));
  });

  it('is kept by a person and breaches when nobody writes', () => {
    world.run(event(world, 'survey.responded', { score: 9, contact_requested: true }));
    world.advanceTo('2026-11-24T09:00:00Z');
    world.run(reply(world, { kind: 'human', agentId: agent }));
    expect(world.only('follow_up').state).toBe('kept');

    const other = new World('2026-11-23T10:00:00Z');
    other.run(event(other, 'survey.responded', { score: 2 }));
    other.advanceTo('2026-11-26T00:00:00Z');
    expect(other.only('follow_up').state).toBe('breached');
  });
});

describe('a manager request opens an escalation owned by a manager within 4 business hours', () => {
  it('is kept only when a manager writes', () => {
    world.run(event(world, 'signal.manager_request'));
    expect(world.only('escalation')).toMatchObject({ ownerRole: 'manager', dueAt: new Date('2026-11-23T14:00:00Z') });
    world.run(reply(world, { kind: 'human', agentId: agent, role: 'agent' }));
    expect(world.only('escalation').state).toBe('open');
    world.run(reply(world, { kind: 'human', agentId: manager, role: 'manager' }));
    expect(world.only('escalation').state).toBe('kept');
  });

  it('breaches, is reassigned to a manager and escalated again', () => {
    world.run(event(world, 'signal.manager_request'));
    world.advanceTo('2026-11-23T14:00:00Z');
    const escalations = [...world.commitments.values()].filter((c) => c.kind === 'escalation');
    expect(escalations.map((c) => c.state)).toEqual(['breached', 'open']);
    expect(world.actions.map((a) => a.action.type)).toEqual(['escalate', 'reassign', 'flag']);
  });
});

describe('resolution within 3 business days, paused while the case waits on the customer', () => {
  it('is kept when the case is resolved', () => {
    world.run(event(world, 'message.received', { channel: 'email' }));
    world.run({ kind: 'case_change', caseId, state: 'resolved', changeId: 'chg_1' });
    expect(world.only('resolution')).toMatchObject({ state: 'kept', fulfilledBy: 'chg_1' });
  });

  it('moves its deadline by the business time spent pending, and then breaches', () => {
    world.run(event(world, 'message.received', { channel: 'email' }));
    expect(world.only('resolution').dueAt).toEqual(new Date('2026-11-26T10:00:00Z'));
    world.run(reply(world, { kind: 'human', agentId: agent }));
    world.run({ kind: 'case_change', caseId, state: 'pending', changeId: 'chg_p' });
    // Pending from Monday 10:00 to Tuesday 12:00: 7 + 3 = 10 business hours.
    world.advanceTo('2026-11-24T12:00:00Z');
    expect(world.only('resolution')).toMatchObject({ state: 'open', pausedAt: new Date('2026-11-23T10:00:00Z') });
    world.run({ kind: 'case_change', caseId, state: 'open', changeId: 'chg_o' });
    const dueAt = new Date('2026-11-27T12:00:00Z'); // Thursday 10:00 + 10 business hours = Friday 12:00
    expect(world.only('resolution')).toMatchObject({ pausedAt: null, dueAt });
    world.advanceTo('2026-11-27T11:59:00Z');
    expect(world.only('resolution').state).toBe('open');
    world.advanceTo('2026-11-27T12:00:00Z');
    expect(world.only('resolution').state).toBe('breached');
  });

  it('a breached resolution is kept late when the case is finally resolved', () => {
    world.run(event(world, 'message.received', { channel: 'email' }));
    world.advanceTo('2026-11-30T00:00:00Z');
    world.run({ kind: 'case_change', caseId, state: 'resolved', changeId: 'chg_late' });
    expect(world.only('resolution')).toMatchObject({ state: 'kept', keptLate: true });
  });
});

describe('idempotency and stale timers', () => {
  it('gives every action a key made of commitment, action and due time, stable across reruns', () => {
    world.run(event(world, 'message.received', { channel: 'web_form' }));
    const ack = world.only('acknowledge');
    const tick: EngineInput = { kind: 'tick', timer: { commitmentId: ack.id, kind: 'breach', fireAt: ack.dueAt, dueAt: ack.dueAt } };
    const state = { commitments: [ack] };
    const first = evaluate({ ...config, input: tick, now: ack.dueAt, state });
    const again = evaluate({ ...config, input: tick, now: new Date(ack.dueAt.getTime() + 1_000), state });
    const keys = (ds: Decision[]): string[] => ds.flatMap((d) => (d.type === 'action' ? [d.action.key] : d.type === 'open' || d.type === 'mark_breached' ? [d.key] : []));
    expect(keys(first)).toEqual(keys(again));
    expect(keys(first)).toContain(`${ack.id}:breach:escalate:0:${ack.dueAt.toISOString()}`);
  });

  it('a timer set for an old due time, or for a kept commitment, does nothing', () => {
    world.run(event(world, 'message.received', { channel: 'web_form' }));
    const ack = world.only('acknowledge');
    const stale: TimerRef = { commitmentId: ack.id, kind: 'breach', fireAt: ack.dueAt, dueAt: new Date(ack.dueAt.getTime() - 60_000) };
    expect(evaluate({ ...config, input: { kind: 'tick', timer: stale }, now: ack.dueAt, state: { commitments: [ack] } })).toEqual([]);
    const kept: Commitment = { ...ack, state: 'kept' };
    const timer: TimerRef = { ...stale, dueAt: ack.dueAt };
    expect(evaluate({ ...config, input: { kind: 'tick', timer }, now: ack.dueAt, state: { commitments: [kept] } })).toEqual([]);
  });
});

describe('calendars per team and wall-clock pauses', () => {
  const custom = buildEngineConfig(
    commitmentConfigSchema.parse({
      calendars: {
        default: { zone: 'UTC', hours: { mon: ['09:00-17:00'] } },
        tokyo: { zone: 'Asia/Tokyo', hours: { mon: ['09:00-18:00'], tue: ['09:00-18:00'] } },
      },
      teams: { apac: { calendar: 'tokyo' } },
      policies: [
        { id: 'reply', opens: 'first_response', on: { events: ['message.received'] }, deadline: { business_minutes: 60 }, fulfilled_by: [{ message_out: { author: 'human' } }] },
        {
          id: 'vip-order',
          opens: 'update',
          on: {
            events: ['message.received'],
            match: {
              all: [
                { path: 'case.team', eq: 'apac' },
                { path: 'event.order_id', exists: true },
              ],
            },
          },
          deadline: { minutes: 60 },
          fulfilled_by: [{ message_out: {} }],
        },
        { id: 'update', opens: 'update', on: { events: ['message.received'] }, deadline: { minutes: 30 }, pause_while_pending: true, fulfilled_by: [{ message_out: {} }] },
      ],
    }),
  );
  const run = (input: EngineInput, now: string, commitments: Commitment[] = []): Decision[] => evaluate({ ...custom, input, now: new Date(now), state: { commitments } });
  const received = (team: string | null): EngineInput => ({
    kind: 'event',
    event: { id: 'evt_t', type: 'message.received', occurredAt: new Date('2026-11-23T10:00:00Z'), data: {}, caseId, customerId, orderId: null },
    case: { ...openCase, team },
  });
  const opened = (decisions: Decision[], policyId: string): Commitment => {
    const found = decisions.find((d) => d.type === 'open' && d.commitment.policyId === policyId);
    if (found?.type !== 'open') throw new Error(`no ${policyId} opened`);
    return found.commitment;
  };

  it('counts a business deadline on the calendar of the case team', () => {
    // Monday 10:00 UTC is 19:00 in Tokyo, after closing: the hour runs Tuesday 09:00–10:00 Tokyo time.
    expect(opened(run(received('apac'), '2026-11-23T10:00:00Z'), 'reply')).toMatchObject({ calendarName: 'tokyo', dueAt: new Date('2026-11-24T01:00:00Z') });
    expect(opened(run(received(null), '2026-11-23T10:00:00Z'), 'reply')).toMatchObject({ calendarName: 'default', dueAt: new Date('2026-11-23T11:00:00Z') });
  });

  it('lets a policy match on the case and the event as the API names them', () => {
    const withOrder = (team: string | null, orderId: string | null): EngineInput => {
      const input = received(team);
      return input.kind === 'event' ? { ...input, event: { ...input.event, orderId } } : input;
    };
    const policiesOpened = (input: EngineInput): string[] => run(input, '2026-11-23T10:00:00Z').flatMap((d) => (d.type === 'open' ? [d.commitment.policyId] : []));
    expect(policiesOpened(withOrder('apac', 'A-1'))).toContain('vip-order');
    expect(policiesOpened(withOrder('apac', null))).not.toContain('vip-order');
    expect(policiesOpened(withOrder('emea', 'A-1'))).not.toContain('vip-order');
  });

  it('moves a wall-clock deadline by exactly the time spent pending', () => {
    const update = opened(run(received(null), '2026-11-23T10:00:00Z'), 'update');
    const pause = run({ kind: 'case_change', caseId, state: 'pending', changeId: 'p' }, '2026-11-23T10:10:00Z', [update]);
    expect(pause.map((d) => d.type)).toEqual(['pause', 'cancel_timers']);
    const paused = { ...update, pausedAt: new Date('2026-11-23T10:10:00Z') };
    const resume = run({ kind: 'case_change', caseId, state: 'open', changeId: 'o' }, '2026-11-23T12:10:00Z', [paused]);
    expect(resume).toEqual([
      { type: 'resume', commitmentId: update.id, at: new Date('2026-11-23T12:10:00Z'), dueAt: new Date('2026-11-23T12:30:00Z') },
      { type: 'schedule', timer: { commitmentId: update.id, kind: 'breach', fireAt: new Date('2026-11-23T12:30:00Z'), dueAt: new Date('2026-11-23T12:30:00Z') } },
    ]);
  });
});
