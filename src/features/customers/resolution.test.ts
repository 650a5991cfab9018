// The resolution rules on an in-memory state, as a batch applies them event after event.
import { describe, expect, it } from 'vitest';
import { resolveInState, type ResolutionState } from './resolution.js';

const at = new Date('2026-12-01T09:00:00Z');
const email = (value: string) => ({ kind: 'email' as const, value });
const phone = (value: string) => ({ kind: 'phone' as const, value });

function ids() {
  let n = 0;
  return () => `cus_new${(n += 1)}`;
}

function emptyState(): ResolutionState {
  return { customerByIdentity: new Map(), createdAt: new Map() };
}

describe('resolving customers in order', () => {
  it('creates a customer for unknown identities, and the next event with one of them finds it', () => {
    const state = emptyState();
    const next = ids();
    const first = resolveInState(state, { identities: [email('ana@example.com')], orderCustomerId: null, name: 'Ana', at }, next);
    expect(first.newCustomer).toEqual({ id: 'cus_new1', name: 'Ana', timeZone: null, at });
    expect(first.newIdentities.map((entry) => entry.identity)).toEqual([email('ana@example.com')]);
    expect(first.profile).toBeUndefined();

    const second = resolveInState(state, { identities: [email('ana@example.com'), phone('+15551234567')], orderCustomerId: null, name: 'Ana S', at }, next);
    expect(second.customerId).toBe('cus_new1');
    expect(second.newCustomer).toBeUndefined();
    expect(second.newIdentities.map((entry) => entry.identity)).toEqual([phone('+15551234567')]);
    expect(second.profile).toEqual({ id: 'cus_new1', name: 'Ana S', timeZone: undefined, at });
  });

  it('merges two customers an event names into the oldest, and later events find the survivor', () => {
    const state: ResolutionState = {
      customerByIdentity: new Map([
        ['email:young@example.com', 'cus_young'],
        ['phone:+15550000000', 'cus_old'],
      ]),
      createdAt: new Map([
        ['cus_young', new Date('2026-11-01T00:00:00Z')],
        ['cus_old', new Date('2026-10-01T00:00:00Z')],
      ]),
    };
    const merge = resolveInState(state, { identities: [email('young@example.com'), phone('+15550000000')], orderCustomerId: null, eventId: 'e-9', at }, ids());
    expect(merge.customerId).toBe('cus_old');
    expect(merge.merge).toEqual({ survivorId: 'cus_old', mergedIds: ['cus_young'], eventId: 'e-9', at });
    expect(merge.involved).toEqual(['cus_old', 'cus_young']);
    expect(resolveInState(state, { identities: [email('young@example.com')], orderCustomerId: null, at }, ids()).customerId).toBe('cus_old');
  });

  it("takes the order's customer when the event carries no identity, and nobody when it carries neither", () => {
    const state = emptyState();
    state.createdAt.set('cus_buyer', at);
    expect(resolveInState(state, { identities: [], orderCustomerId: 'cus_buyer', at }, ids()).customerId).toBe('cus_buyer');
    expect(resolveInState(state, { identities: [], orderCustomerId: null, at }, ids())).toEqual({ customerId: null, involved: [], newIdentities: [] });
  });

  it('breaks a tie in creation time by id, as the store orders them', () => {
    const state: ResolutionState = {
      customerByIdentity: new Map([
        ['email:b@example.com', 'cus_b'],
        ['email:a@example.com', 'cus_a'],
      ]),
      createdAt: new Map([
        ['cus_b', at],
        ['cus_a', at],
      ]),
    };
    expect(resolveInState(state, { identities: [email('b@example.com'), email('a@example.com')], orderCustomerId: null, at }, ids()).customerId).toBe('cus_a');
  });
});
