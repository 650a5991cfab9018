// Who owns each case (crack C8): a new case gets an owner as it opens (the agent who knew the customer, else
// round robin by capacity and skills), keeps them through every message and channel, is handed on with a note
// when its owner goes out of office, and a sweep places the cases nobody could take when they came in.
import type { Logger } from 'pino';
import type { Db, Tx } from '../../db/create-db.js';
import { withTransaction } from '../../db/transaction.js';
import type { DomainBus, DomainFact } from '../../domain-events.js';
import { AppError } from '../../shared/app-error.js';
import type { Clock } from '../../shared/clock.js';
import type { CaseService } from '../cases/case.service.js';
import { chooseAssignee } from './assignment.js';
import { planHandover } from './handover.js';
import * as repo from './signal.repo.js';
import { listAgentLoads } from '../agents/index.js';
import { requiredSkillsFor, type SignalsConfig } from './signals-config.js';

/** How many unassigned cases one sweep places at most; the next run takes the rest. */
const SWEEP_BATCH = 500;

export interface Placement {
  case_id: string;
  owner_id: string | null;
}

/** Assignment: `onCaseChanged` for the bus, `setOutOfOffice` and `sweepUnassigned` for the routes and the timer. */
export function createAssignmentService(deps: { db: Db; clock: Clock; bus: DomainBus; cases: CaseService; config: SignalsConfig; logger: Logger }) {
  function skillsOf(item: repo.CaseToRoute): string[] {
    return requiredSkillsFor(deps.config, { kind: item.kind, channel: item.lastChannel });
  }

  /** Gives a case its owner, records when they were last given one, and tells the other features. */
  async function giveCase(tx: Tx, input: { caseId: string; ownerId: string | null; by: string | null; note: string; at: Date }): Promise<void> {
    const before = await deps.cases.requireCase(tx, input.caseId);
    await repo.setCaseOwner(tx, { caseId: input.caseId, ownerId: input.ownerId, at: input.at });
    if (input.ownerId) await repo.markAgentAssigned(tx, { agentId: input.ownerId, at: input.at });
    const after = await deps.cases.requireCase(tx, input.caseId);
    await deps.bus.emit('case.changed', { before, after, change: 'assigned', note: input.note, by: input.by }, tx);
    deps.logger.info({ case_id: input.caseId, owner_id: input.ownerId }, 'case assigned');
  }

  /** Places unowned cases one after the other, each choice counting towards the next. */
  async function placeCases(tx: Tx, input: { cases: readonly repo.CaseToRoute[]; by: string | null; at: Date; why: string }): Promise<Placement[]> {
    let agents = await listAgentLoads(tx);
    const placements: Placement[] = [];
    for (const item of input.cases) {
      const customerPreviousOwnerId = await repo.findCustomerPreviousOwner(tx, { customerId: item.customerId, excludeCaseId: item.id });
      const ownerId = chooseAssignee({ agents, requiredSkills: skillsOf(item), customerPreviousOwnerId });
      placements.push({ case_id: item.id, owner_id: ownerId });
      if (!ownerId) continue;
      const sticky = ownerId === customerPreviousOwnerId;
      await giveCase(tx, {
        caseId: item.id,
        ownerId,
        by: input.by,
        note: sticky ? `${input.why}: back to the agent who handled this customer before.` : `${input.why}: next in turn with room and the skills.`,
        at: input.at,
      });
      agents = agents.map((agent) => (agent.id === ownerId ? { ...agent, openCases: agent.openCases + 1, lastAssignedAt: input.at } : agent));
    }
    return placements;
  }

  /** The 'case.changed' handler: a case that opens without an owner gets one now, if anyone can take it. */
  async function onCaseChanged(fact: DomainFact<'case.changed'>, tx: Tx): Promise<void> {
    // Automatic mail (a newsletter, a notification) opens its case in the automatic queue, nobody's work by default.
    if (fact.change !== 'opened' || fact.after.ownerId || fact.after.queue === 'automatic') return;
    const { after } = fact;
    const item: repo.CaseToRoute = { id: after.id, customerId: after.customerId, kind: after.kind, lastChannel: after.lastChannel, ownerId: null };
    await placeCases(tx, { cases: [item], by: null, at: after.createdAt, why: 'Assigned as it opened' });
  }

  /** Assigns unresolved cases nobody owns (oldest first); run on a timer and by admins. */
  async function sweepUnassigned(input: { by: string | null }): Promise<{ assigned: Placement[]; still_unassigned: number }> {
    const placements = await withTransaction(deps.db, async (tx) => {
      const waiting = await repo.listUnassignedCases(tx, SWEEP_BATCH);
      return placeCases(tx, { cases: waiting, by: input.by, at: deps.clock.now(), why: 'Assigned by the unassigned-case sweep' });
    });
    for (const placed of placements) if (placed.owner_id) await deps.bus.emit('live.case_updated', { caseId: placed.case_id });
    const assigned = placements.filter((placed) => placed.owner_id !== null);
    if (assigned.length > 0) deps.logger.info({ assigned: assigned.length }, 'unassigned cases swept');
    return { assigned, still_unassigned: placements.length - assigned.length };
  }

  /**
   * Marks an agent in or out of office. Going out hands each of their unresolved cases to someone who can
   * take it (or to the unassigned queue), with a note on the case saying why.
   */
  async function setOutOfOffice(input: {
    agentId: string;
    outOfOffice: boolean;
    note?: string | undefined;
    by: string | null;
  }): Promise<{ agent_id: string; out_of_office: boolean; handed_over: (Placement & { note: string })[] }> {
    const at = deps.clock.now();
    const handedOver = await withTransaction(deps.db, async (tx) => {
      if (!(await repo.setAgentOutOfOffice(tx, { agentId: input.agentId, outOfOffice: input.outOfOffice }))) throw new AppError('not_found', { detail: `No agent ${input.agentId}` });
      if (!input.outOfOffice) return [];
      const owned = await repo.listUnresolvedCasesOwnedBy(tx, input.agentId);
      const agents = await listAgentLoads(tx);
      const names = new Map((await repo.listAgentNames(tx)).map((agent) => [agent.id, agent.name]));
      const cases = [];
      for (const item of owned) {
        const customerPreviousOwnerId = await repo.findCustomerPreviousOwner(tx, { customerId: item.customerId, excludeCaseId: item.id, notOwnerId: input.agentId });
        cases.push({ caseId: item.id, ownerId: input.agentId, requiredSkills: skillsOf(item), customerPreviousOwnerId });
      }
      const plans = planHandover({ cases, agents, at });
      const results: (Placement & { note: string })[] = [];
      for (const plan of plans) {
        const from = names.get(plan.fromOwnerId) ?? plan.fromOwnerId;
        const reason = input.note?.trim() ? ` (${input.note.trim()})` : '';
        const note = plan.toOwnerId
          ? `Handed on from ${from}, who is out of office${reason}, to ${names.get(plan.toOwnerId) ?? plan.toOwnerId}.`
          : `${from} is out of office${reason} and nobody has room for this case: it waits in the unassigned queue.`;
        await repo.insertCaseNote(tx, { caseId: plan.caseId, kind: 'handover', authorId: input.by, body: note, at });
        await giveCase(tx, { caseId: plan.caseId, ownerId: plan.toOwnerId, by: input.by, note, at });
        results.push({ case_id: plan.caseId, owner_id: plan.toOwnerId, note });
      }
      return results;
    });
    for (const item of handedOver) await deps.bus.emit('live.case_updated', { caseId: item.case_id });
    return { agent_id: input.agentId, out_of_office: input.outOfOffice, handed_over: handedOver };
  }

  return { onCaseChanged, sweepUnassigned, setOutOfOffice };
}

export type AssignmentService = ReturnType<typeof createAssignmentService>;
