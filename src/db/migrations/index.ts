// Every migration in order. Listed by hand so the same list runs from source, tests and a bundle.
import type { Migration } from 'kysely/migration';
import * as foundation from './2026-11-24T03-00-foundation.js';
import * as signals from './2026-11-24T04-00-signals.js';
import * as surveysClaims from './2026-11-24T04-30-surveys-claims.js';
import * as commitmentEngine from './2026-11-24T05-00-commitment-engine.js';
import * as emailIntake from './2026-11-24T05-10-email-intake.js';
import * as promiseCorrections from './2026-11-25T09-00-promise-corrections.js';
import * as outboxMessageIndex from './2026-12-01T10-00-outbox-message-index.js';
import * as connectorDeliveries from './2026-12-06T12-15-connector-deliveries.js';
import * as commitmentCounts from './2026-12-06T15-40-commitment-counts.js';
import * as escalationOwnerIndex from './2026-12-06T16-35-escalation-owner-index.js';
import * as outboxTextInMessage from './2026-12-06T22-00-outbox-text-in-message.js';
import * as connectorOrderSnapshots from './2026-12-06T13-26-connector-order-snapshots.js';
import * as searchBounded from './2026-12-06T15-40-search-bounded.js';
import * as analysisTruncated from './2026-12-06T12-15-analysis-truncated.js';
import * as emailAttachments from './2026-12-06T12-20-email-attachments.js';
import * as importCheckpoints from './2026-12-06T12-30-import-checkpoints.js';
import * as agentAccess from './2026-12-06T12-30-agent-access.js';
import * as orderCaveats from './2026-12-06T13-20-order-caveats.js';
import * as search from './2026-12-06T13-21-search.js';
import * as eventTimeStamped from './2026-12-06T13-25-event-time-stamped.js';

export const migrations: Record<string, Migration> = {
  '2026-11-24T03-00-foundation': foundation,
  '2026-11-24T04-00-signals': signals,
  '2026-11-24T04-30-surveys-claims': surveysClaims,
  '2026-11-24T05-00-commitment-engine': commitmentEngine,
  '2026-11-24T05-10-email-intake': emailIntake,
  '2026-11-25T09-00-promise-corrections': promiseCorrections,
  '2026-12-01T10-00-outbox-message-index': outboxMessageIndex,
  '2026-12-06T12-15-connector-deliveries': connectorDeliveries,
  '2026-12-06T12-15-analysis-truncated': analysisTruncated,
  '2026-12-06T12-20-email-attachments': emailAttachments,
  '2026-12-06T12-30-import-checkpoints': importCheckpoints,
  '2026-12-06T12-30-agent-access': agentAccess,
  '2026-12-06T13-20-order-caveats': orderCaveats,
  '2026-12-06T13-21-search': search,
  '2026-12-06T13-25-event-time-stamped': eventTimeStamped,
  '2026-12-06T13-26-connector-order-snapshots': connectorOrderSnapshots,
  '2026-12-06T15-40-commitment-counts': commitmentCounts,
  '2026-12-06T15-40-search-bounded': searchBounded,
  '2026-12-06T16-35-escalation-owner-index': escalationOwnerIndex,
  '2026-12-06T22-00-outbox-text-in-message': outboxTextInMessage,
};
