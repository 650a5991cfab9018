// Wires product caveats into Kept: the case view part, and the service whose handlers app.ts subscribes
// (at purchase on event.ingested; on message.delivered, a message may disclose a caveat or deliver what is owed).
import type { CaseViewExtension } from '../cases/case-view.js';
import * as repo from './caveat.repo.js';

/** The case JSON's `caveats`: the caveats of the customer's orders, their disclosure and owed information. */
export const caseCaveatsView: CaseViewExtension = { field: 'caveats', select: repo.selectCaveatViewsOfCase };

export { createCaveatService, createCaveatStatusNotes, createDisclosureSender } from './caveat.service.js';
