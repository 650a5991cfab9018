// Wires product caveats into Kept: at purchase (event.ingested), on delivery of a message (it may disclose a
// caveat or deliver owed information), and when the engine finds a disclosure due that nobody made.
import type { DomainBus } from '../../domain-events.js';
import type { CaseViewExtension } from '../cases/case-view.js';
import * as repo from './caveat.repo.js';
import { createCaveatService, type CaveatServiceDeps } from './caveat.service.js';

/** The case JSON's `caveats`: the caveats of the customer's orders, their disclosure and owed information. */
export const caseCaveatsView: CaseViewExtension = { field: 'caveats', select: repo.selectCaveatViewsOfCase };

export function createCaveats(deps: CaveatServiceDeps) {
  return createCaveatService(deps);
}

/** Subscribes the caveats feature to the bus; call once. */
export function registerCaveats(options: { bus: DomainBus; caveats: ReturnType<typeof createCaveatService> }): void {
  const { bus, caveats } = options;
  bus.on('event.ingested', caveats.onEventIngested);
  bus.on('message.delivered', caveats.onMessageDelivered);
  bus.on('commitment.fallback_due', caveats.onFallbackDue);
}
