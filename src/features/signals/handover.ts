// An owner who is out of office hands their open cases on, each with a note, so no case waits for
// someone who is not there (issue: "an owner marked out of office hands cases on with a note").
import { chooseAssignee, type AssignableAgent } from './assignment.js';

export interface CaseToHandOver<Id extends string> {
  readonly caseId: string;
  readonly ownerId: Id;
  readonly requiredSkills?: readonly string[];
  /** Who owned this customer's case before the current owner, if anyone. */
  readonly customerPreviousOwnerId?: Id | null;
}

export interface Handover<Id extends string> {
  readonly caseId: string;
  readonly fromOwnerId: Id;
  /** Null when nobody can take the case now: it goes to the unassigned queue. */
  readonly toOwnerId: Id | null;
  readonly note: string;
}

/**
 * Plans where each case of an out-of-office owner goes. Cases are dealt one by one and each choice counts
 * towards the next, so a long absence spreads its cases round the team instead of piling them on one agent.
 */
export function planHandover<Id extends string>(options: { cases: readonly CaseToHandOver<Id>[]; agents: readonly AssignableAgent<Id>[]; at: Date }): Handover<Id>[] {
  let agents = [...options.agents];
  const byId = new Map(agents.map((agent) => [agent.id, agent]));
  const plans: Handover<Id>[] = [];
  for (const item of options.cases) {
    if (byId.get(item.ownerId)?.outOfOffice !== true) continue;
    const toOwnerId = chooseAssignee({
      agents,
      requiredSkills: item.requiredSkills ?? [],
      customerPreviousOwnerId: item.customerPreviousOwnerId ?? null,
    });
    plans.push({
      caseId: item.caseId,
      fromOwnerId: item.ownerId,
      toOwnerId,
      note:
        toOwnerId === null ? `Owner ${item.ownerId} is out of office and nobody has room for this case: it waits in the unassigned queue.` : `Handed on from ${item.ownerId}, who is out of office.`,
    });
    if (toOwnerId !== null) {
      agents = agents.map((agent) => (agent.id === toOwnerId ? { ...agent, openCases: agent.openCases + 1, lastAssignedAt: options.at } : agent));
    }
  }
  return plans;
}
