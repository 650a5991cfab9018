// Runs the breach and at-risk actions inside the transaction that applies the tick. Each action's
// idempotency key is written to `actions` first; a key already there means the action ran before (a timer
// fired again after a crash) and it is skipped. Webhooks are sent after commit and report back.
import type { Tx } from '../../db/create-db.js';
import type { DomainBus } from '../../domain-events.js';
import * as caseRepo from '../cases/index.js';
import type { AgentId } from '../../shared/values.js';
import type { Commitment } from './commitment.js';
import type { FallbackSenders } from './engine-ports.js';
import * as repo from './commitment.repo.js';
import { listAgentLoads } from '../agents/index.js';
import { chooseManager, leastLoadedAgent, managerLoadsOf } from './choose-manager.js';
import type { ActionDecision } from './engine.types.js';
import { webhookPayloadFor } from './webhook.js';

export interface PendingWebhook {
  key: string;
  url: string;
  secret: string;
  payload: Record<string, string | null>;
}

/** Where the cases a transaction touched are told to the console (once each, after its commit). */
export interface CaseAnnouncer {
  add(caseId: string): void;
}

export interface ActionContext {
  tx: Tx;
  bus: DomainBus;
  now: Date;
  /** The commitments this transaction works on, by id; reassign changes the owner here. */
  working: Map<string, Commitment>;
  dirty: Set<string>;
  touchedCases: CaseAnnouncer;
  webhooks: PendingWebhook[];
  /** The one sender of each commitment kind's fallback message. */
  fallbackSenders: FallbackSenders;
}

/** Runs one action unless its key was recorded before; returns whether it ran. */
export async function runAction(ctx: ActionContext, decision: ActionDecision): Promise<boolean> {
  const { tx, now } = ctx;
  const { action } = decision;
  const recorded = await repo.recordAction(tx, { key: decision.key, commitmentId: decision.commitmentId, action: action.type, result: { status: 'running' }, at: now });
  if (!recorded) return false;
  if (decision.caseId) ctx.touchedCases.add(decision.caseId);
  let result: Record<string, unknown>;
  switch (action.type) {
    case 'escalate':
      result = { escalated: await markCase(ctx, decision.caseId, { escalated: true }) };
      break;
    case 'flag':
      result = { label: action.label, flagged: await markCase(ctx, decision.caseId, { flagged: true }) };
      break;
    case 'reassign':
      result = await reassign(ctx, decision, action.to);
      break;
    case 'send_fallback': {
      // The kind's one sender queues its message inside this transaction (checked at start: one per kind).
      const send = ctx.fallbackSenders[decision.kind];
      const request = {
        commitmentId: decision.commitmentId,
        kind: decision.kind,
        actionKey: decision.key,
        caseId: decision.caseId,
        customerId: decision.customerId,
        orderNumber: decision.orderId,
        reasonCode: decision.reasonCode,
      };
      result = send ? { ...(await send(tx, request)) } : { outboxId: null, status: 'skipped', detail: `no fallback sender for ${decision.kind}` };
      break;
    }
    case 'webhook':
      ctx.webhooks.push({ key: decision.key, url: action.url, secret: action.secret, payload: webhookPayloadFor(decision, now) });
      // The payload is kept (never the secret) so a process that stopped before sending can be resumed.
      result = { status: 'pending', url: action.url, payload: webhookPayloadFor(decision, now) };
      break;
  }
  await repo.setActionResult(tx, { key: decision.key, result });
  return true;
}

async function markCase(ctx: ActionContext, caseId: string | null, changes: { escalated?: boolean; flagged?: boolean }): Promise<boolean> {
  if (!caseId) return false;
  const before = await caseRepo.findCaseById(ctx.tx, caseId);
  if (!before) return false;
  const already = (changes.escalated === undefined || before.escalated === changes.escalated) && (changes.flagged === undefined || before.flagged === changes.flagged);
  if (already) return true;
  const after = await caseRepo.updateCase(ctx.tx, caseId, { ...changes, at: ctx.now });
  if (changes.escalated) await ctx.bus.emit('case.changed', { before, after, change: 'escalated', by: null }, ctx.tx);
  return true;
}

async function reassign(ctx: ActionContext, decision: ActionDecision, to: 'manager' | 'team'): Promise<Record<string, unknown>> {
  const current = ctx.working.get(decision.commitmentId);
  const exclude = current?.ownerId ? [current.ownerId] : [];
  const ownerId: AgentId | null =
    to === 'manager' ? chooseManager({ managers: managerLoadsOf(await listAgentLoads(ctx.tx)), exclude }) : leastLoadedAgent(await listAgentLoads(ctx.tx), { exclude: current?.ownerId ?? null });
  if (!ownerId) return { to, owner_id: null, detail: `no ${to === 'manager' ? 'manager' : 'agent'} to reassign to` };
  if (current) {
    ctx.working.set(current.id, { ...current, ownerId });
    ctx.dirty.add(current.id);
  }
  if (decision.caseId) {
    const before = await caseRepo.findCaseById(ctx.tx, decision.caseId);
    if (before && before.ownerId !== ownerId) {
      const after = await caseRepo.updateCase(ctx.tx, decision.caseId, { ownerId, at: ctx.now });
      await ctx.bus.emit('case.changed', { before, after, change: 'assigned', by: null }, ctx.tx);
    }
  }
  return { to, owner_id: ownerId };
}
