// Turns the validated config sections into what the engine runs on: calendars built once, at start.
import { createBusinessCalendar } from './calendar.js';
import type { EngineConfig } from './engine.types.js';
import { commitmentKinds, type CommitmentConfig, type CommitmentKind, type Policy } from './policy.schemas.js';

/** The policy id of a commitment another feature asked for (a promise in words, a claim's document). */
export function requestedPolicyId(kind: CommitmentKind): string {
  return `requested:${kind}`;
}

/** The commitment kinds a promise made in words opens. */
export const promiseCommitmentKinds = ['callback', 'follow_up', 'refund', 'document', 'update'] as const satisfies readonly CommitmentKind[];
export type PromiseCommitmentKind = (typeof promiseCommitmentKinds)[number];

/** The policy id of a commitment opened from a promise in words. */
export function promisePolicyId(kind: PromiseCommitmentKind): string {
  return `promise:${kind}`;
}

/** The commitment kinds a product caveat opens (docs/caveats.md). */
export const caveatCommitmentKinds = ['disclose', 'provide_info'] as const satisfies readonly CommitmentKind[];
export type CaveatCommitmentKind = (typeof caveatCommitmentKinds)[number];

/** The policy id of a caveat's commitment: disclosure sends Kept's own message at risk; owed information warns. */
export function caveatPolicyId(kind: CaveatCommitmentKind): string {
  return `caveat:${kind}`;
}

/**
 * A built-in rule for commitments no configured policy opens: opened and kept by the feature that asks for
 * them; on breach they escalate and flag the case like any other.
 */
function builtInPolicy(id: string, kind: CommitmentKind, atRisk?: Policy['at_risk']): Policy {
  return {
    id,
    opens: kind,
    on: { events: [] },
    once_per: 'event',
    deadline: { minutes: 1 },
    owner: 'case_owner',
    fulfilled_by: [],
    pause_while_pending: false,
    ...(atRisk ? { at_risk: atRisk } : {}),
    on_breach: [{ type: 'escalate' }, { type: 'flag', label: 'commitment_breached' }],
  };
}

/** The kinds another feature asks for whose at-risk action sends that feature's message (a claim's reminder). */
export const requestedFallbackKinds: readonly CommitmentKind[] = ['document'];

/**
 * The rules of commitments another feature asks for: a claim's document sends its reminder at risk (the
 * claims feature is the one sender for documents); the other kinds are marked at risk. Promises in words
 * are only marked at risk: a reason's fallback or a claim's reminder would be the wrong message for them.
 */
function builtInPolicies(): Policy[] {
  return [
    ...commitmentKinds.map((kind) => builtInPolicy(requestedPolicyId(kind), kind, { lead_minutes: 60, actions: requestedFallbackKinds.includes(kind) ? [{ type: 'send_fallback' }] : [] })),
    ...promiseCommitmentKinds.map((kind) => builtInPolicy(promisePolicyId(kind), kind)),
    builtInPolicy(caveatPolicyId('disclose'), 'disclose', { lead_minutes: 60, actions: [{ type: 'send_fallback' }] }),
    builtInPolicy(caveatPolicyId('provide_info'), 'provide_info', { lead_minutes: 60, actions: [{ type: 'flag', label: 'provide_info_at_risk' }] }),
  ];
}

/** Builds the engine's configuration; throws a RangeError naming the calendar when one cannot be built. */
export function buildEngineConfig(config: CommitmentConfig): EngineConfig {
  const calendars = Object.fromEntries(Object.entries(config.calendars).map(([name, def]) => [name, createBusinessCalendar(def)]));
  return Object.freeze({ policies: [...config.policies, ...builtInPolicies()], calendars, teams: config.teams });
}
