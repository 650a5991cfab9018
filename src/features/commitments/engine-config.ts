// Turns the validated config sections into what the engine runs on: calendars built once, at start.
import { createBusinessCalendar } from './calendar.js';
import type { EngineConfig } from './engine.types.js';
import { commitmentKinds, type CommitmentConfig, type CommitmentKind, type Policy } from './policy.schemas.js';

/** The policy id of a commitment another feature asked for (a promise in words, a claim's document). */
export function requestedPolicyId(kind: CommitmentKind): string {
  return `requested:${kind}`;
}

/**
 * Built-in rules for commitments no configured policy opens: they are kept by the feature that asked for
 * them, send the fallback (a reminder) when at risk, and escalate and flag the case on breach like any other.
 */
function requestedPolicies(): Policy[] {
  return commitmentKinds.map((kind) => ({
    id: requestedPolicyId(kind),
    opens: kind,
    on: { events: [] },
    once_per: 'event',
    deadline: { minutes: 1 },
    owner: 'case_owner',
    fulfilled_by: [],
    pause_while_pending: false,
    at_risk: { lead_minutes: 60, actions: [{ type: 'send_fallback' }] },
    on_breach: [{ type: 'escalate' }, { type: 'flag', label: 'commitment_breached' }],
  }));
}

/** Builds the engine's configuration; throws a RangeError naming the calendar when one cannot be built. */
export function buildEngineConfig(config: CommitmentConfig): EngineConfig {
  const calendars = Object.fromEntries(Object.entries(config.calendars).map(([name, def]) => [name, createBusinessCalendar(def)]));
  return Object.freeze({ policies: [...config.policies, ...requestedPolicies()], calendars, teams: config.teams });
}
