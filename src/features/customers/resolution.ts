// The pure rules of customer resolution: which customer an event's identities (and its order) name, when a
// new customer is created, and when two customers turn out to be one. Applied to an in-memory state loaded
// once for a whole batch, so a batch of events resolves in order without a query per event.
import type { IdentityValue } from './identity.js';

export function identityKey(identity: IdentityValue): string {
  return `${identity.kind}:${identity.value}`;
}

/** What resolution knows: the customer of every identity looked up, and when each known customer was created. */
export interface ResolutionState {
  customerByIdentity: Map<string, string>;
  createdAt: Map<string, Date>;
}

export interface ResolutionInput {
  identities: IdentityValue[];
  /** The customer already known for the event's order (or a thread's customer), if any. */
  orderCustomerId: string | null;
  name?: string | undefined;
  timeZone?: string | undefined;
  eventId?: string | undefined;
  at: Date;
}

export interface NewCustomer {
  id: string;
  name: string | null;
  timeZone: string | null;
  at: Date;
}

export interface CustomerMerge {
  survivorId: string;
  mergedIds: string[];
  eventId: string | undefined;
  at: Date;
}

export interface ProfileUpdate {
  id: string;
  name: string | undefined;
  timeZone: string | undefined;
  at: Date;
}

export interface NewIdentity {
  customerId: string;
  identity: IdentityValue;
  at: Date;
}

/** The outcome for one event and the writes it needs, in the order they are made. */
export interface Resolution {
  customerId: string | null;
  /** Every customer the event touched: the one it resolved to and those merged into it. */
  involved: string[];
  newCustomer?: NewCustomer;
  merge?: CustomerMerge;
  profile?: ProfileUpdate;
  newIdentities: NewIdentity[];
}

function oldest(ids: string[], createdAt: Map<string, Date>): string {
  const time = (id: string) => createdAt.get(id)?.getTime() ?? Number.POSITIVE_INFINITY;
  return [...ids].sort((a, b) => time(a) - time(b) || (a < b ? -1 : a > b ? 1 : 0))[0]!;
}

/**
 * Resolves one event against the state and records in it what the event changed, so the next event of the
 * batch sees it: a new customer, identities now linked, customers merged. When the identities (or the order)
 * belong to two customers, they are the same person: the younger ones merge into the oldest.
 */
export function resolveInState(state: ResolutionState, input: ResolutionInput, newCustomerId: () => string): Resolution {
  const { identities, at } = input;
  if (identities.length === 0 && !input.orderCustomerId) return { customerId: null, involved: [], newIdentities: [] };
  const candidates = new Set<string>();
  for (const identity of identities) {
    const customerId = state.customerByIdentity.get(identityKey(identity));
    if (customerId) candidates.add(customerId);
  }
  if (input.orderCustomerId) candidates.add(input.orderCustomerId);

  const resolution: Resolution = { customerId: null, involved: [], newIdentities: [] };
  let customerId: string;
  if (candidates.size === 0) {
    customerId = newCustomerId();
    resolution.newCustomer = { id: customerId, name: input.name ?? null, timeZone: input.timeZone ?? null, at };
    state.createdAt.set(customerId, at);
  } else {
    customerId = candidates.size === 1 ? [...candidates][0]! : oldest([...candidates], state.createdAt);
    const mergedIds = [...candidates].filter((id) => id !== customerId);
    if (mergedIds.length > 0) {
      resolution.merge = { survivorId: customerId, mergedIds, eventId: input.eventId, at };
      const merged = new Set(mergedIds);
      for (const [key, owner] of state.customerByIdentity) if (merged.has(owner)) state.customerByIdentity.set(key, customerId);
    }
    if (input.name !== undefined || input.timeZone !== undefined) resolution.profile = { id: customerId, name: input.name, timeZone: input.timeZone, at };
  }
  for (const identity of identities) {
    const key = identityKey(identity);
    if (state.customerByIdentity.has(key)) continue;
    state.customerByIdentity.set(key, customerId);
    resolution.newIdentities.push({ customerId, identity, at });
  }
  resolution.customerId = customerId;
  resolution.involved = [customerId, ...(resolution.merge?.mergedIds ?? [])];
  return resolution;
}
