// Receiving, mapping and replaying shop webhooks. A signed delivery is stored before it is answered; it is
// mapped and ingested after the answer, one at a time in arrival order, through the normal event path (so
// policies and commitments apply). A delivery that cannot be mapped is kept with its error and replayed later.
import type { Logger } from 'pino';
import type { Db } from '../../db/create-db.js';
import { AppError, isAppError } from '../../shared/app-error.js';
import type { Clock } from '../../shared/clock.js';
import type { EventInput } from '../events/event.schemas.js';
import type { IngestService } from '../events/ingest.service.js';
import { parseEventsBody } from '../events/parse-events.js';
import { normalisePhone } from '../customers/identity.js';
import type { Connector, IncomingRequest, MapOutcome } from './connector.js';
import * as repo from './connector.repo.js';
import type { DeliveryStatus } from './connector.tables.js';

/** A delivery claimed this long ago by a process that never finished it is taken again. */
const staleClaimMs = 5 * 60_000;

export type ReceiveResult = { status: 'received'; id: string } | { status: 'duplicate' } | { status: 'ping' };

export interface ConnectorServiceDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  connectors: readonly Connector[];
  ingest: Pick<IngestService, 'ingestEvents'>;
  publicUrl: string;
  /** The reason catalog's codes: an event naming another reason is not ingested (its message could not be written). */
  reasonCodes: ReadonlySet<string>;
}

export function toDeliveryView(record: repo.DeliveryRecord, options: { withBody: boolean }) {
  return {
    id: record.id,
    connector: record.connector,
    delivery_id: record.deliveryId,
    topic: record.topic,
    status: record.status,
    error: record.error,
    waiting_on: record.waitingOn,
    event_ids: record.eventIds,
    attempts: record.attempts,
    received_at: record.receivedAt.toISOString(),
    processed_at: record.processedAt?.toISOString() ?? null,
    ...(options.withBody ? { headers: record.headers, body: record.body } : {}),
  };
}

/**
 * A platform's customer record may hold a phone or e-mail Kept cannot read ("n/a", a typo): the event keeps
 * its other identities rather than failing the whole delivery over one field.
 */
function withReadableIdentities(event: EventInput): EventInput {
  const customer = event.customer;
  if (!customer) return event;
  const { phone, email, ...rest } = customer;
  const readablePhone = phone !== undefined && normalisePhone(phone) !== undefined ? phone : undefined;
  const readableEmail = email !== undefined && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email) ? email : undefined;
  return { ...event, customer: { ...rest, ...(readablePhone ? { phone: readablePhone } : {}), ...(readableEmail ? { email: readableEmail } : {}) } };
}

function readableText(body: Buffer): string | undefined {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    return text.includes('\u0000') ? undefined : text;
  } catch {
    return undefined;
  }
}

function unknownReasons(events: readonly EventInput[], codes: ReadonlySet<string>): string | undefined {
  const unknown = events.flatMap((event) =>
    typeof event.data['reason'] === 'string' && !codes.has(event.data['reason']) ? [`${event.type} names reason ${event.data['reason']}, which is not in the reason catalog`] : [],
  );
  return unknown[0];
}

export function createConnectorService(deps: ConnectorServiceDeps) {
  const byName = new Map(deps.connectors.map((connector) => [connector.name, connector]));
  // One delivery at a time, in the order they arrived: platforms already deliver out of order, Kept adds none.
  let chain: Promise<void> = Promise.resolve();
  let pending = 0;

  function schedule(id: string): Promise<void> {
    pending += 1;
    const run = chain
      .then(() => processDelivery(id))
      .catch((error: unknown) => deps.logger.error({ err: error, deliveryId: id }, 'connector delivery not processed'))
      .finally(() => {
        pending -= 1;
      });
    chain = run;
    return run;
  }

  async function finish(id: string, outcome: { status: DeliveryStatus; error?: string | undefined; waitingOn?: string | undefined; eventIds?: string[] }): Promise<void> {
    await repo.finishDelivery(deps.db, { id, status: outcome.status, error: outcome.error ?? null, waitingOn: outcome.waitingOn ?? null, eventIds: outcome.eventIds ?? [], at: deps.clock.now() });
  }

  async function ingestOutcome(id: string, connector: Connector, outcome: Extract<MapOutcome, { kind: 'events' }>): Promise<void> {
    let events: EventInput[];
    try {
      events = outcome.events.length > 0 ? parseEventsBody({ events: outcome.events.map(withReadableIdentities) }) : [];
    } catch (error) {
      await finish(id, { status: 'failed', error: `the mapped events are not valid: ${error instanceof Error ? error.message : String(error)}` });
      return;
    }
    const badReason = unknownReasons(events, deps.reasonCodes);
    if (badReason) {
      await finish(id, { status: 'failed', error: badReason });
      return;
    }
    if (events.length > 0) await deps.ingest.ingestEvents(events);
    await finish(id, { status: events.length > 0 ? 'ingested' : 'ignored', eventIds: events.map((event) => event.id) });
    deps.logger.info({ connector: connector.name, deliveryId: id, events: events.length }, 'connector delivery ingested');
  }

  async function processDelivery(id: string): Promise<void> {
    const now = deps.clock.now();
    const delivery = await repo.claimDelivery(deps.db, { id, at: now, staleBefore: new Date(now.getTime() - staleClaimMs) });
    if (!delivery) return;
    const connector = byName.get(delivery.connector);
    if (!connector) {
      await finish(id, { status: 'failed', error: `connector ${delivery.connector} is not configured any more` });
      return;
    }
    try {
      const alias = (platformOrderId: string) => repo.findOrderAlias(deps.db, { connector: connector.name, platformOrderId });
      const outcome = await connector.map(delivery, {
        orderNumberOf: async (platformOrderId) => (await alias(platformOrderId))?.orderNumber,
        newestSnapshotOf: async (platformOrderId) => (await alias(platformOrderId))?.snapshotAt ?? undefined,
      });
      if (outcome.kind === 'failed') {
        await finish(id, { status: 'failed', error: outcome.error, waitingOn: outcome.waitingOn });
        deps.logger.warn({ connector: connector.name, deliveryId: id, error: outcome.error }, 'connector delivery not mapped');
        return;
      }
      await repo.saveOrderAliases(
        deps.db,
        outcome.aliases.map((alias) => ({ connector: connector.name, ...alias })),
      );
      if (outcome.kind === 'ignored') await finish(id, { status: 'ignored', error: outcome.note });
      else await ingestOutcome(id, connector, outcome);
      // Deliveries that waited for one of these orders (a refund before its order) can be mapped now.
      const waiting = await repo.listWaitingDeliveries(deps.db, { connector: connector.name, platformOrderIds: outcome.aliases.map((alias) => alias.platformOrderId) });
      for (const waitingId of await repo.requeueDeliveries(deps.db, waiting)) void schedule(waitingId);
    } catch (error) {
      // Ingest failed as a whole (it is one transaction): nothing was applied, the delivery can be replayed.
      await finish(id, { status: 'failed', error: isAppError(error) || error instanceof Error ? error.message : String(error) });
      deps.logger.warn({ connector: connector.name, deliveryId: id, err: error }, 'connector delivery failed');
    }
  }

  /** Checks a request's signature, stores it once, and answers; mapping happens after. */
  async function receive(name: string, request: IncomingRequest): Promise<ReceiveResult> {
    const connector = byName.get(name);
    if (!connector) throw new AppError('not_found', { detail: `No connector ${name}: declare it under connectors: in kept.config.yaml` });
    const verdict = connector.verify(request, deps.clock.now());
    if (verdict.kind === 'ping') return { status: 'ping' };
    if (verdict.kind === 'refused') {
      deps.logger.warn({ connector: name, status: verdict.status, reason: verdict.detail }, 'webhook refused');
      throw new AppError(verdict.status === 401 ? 'unauthenticated' : 'validation_failed', { detail: verdict.detail });
    }
    // The raw body is kept as text: a body that is not UTF-8, or holds a NUL the store cannot keep, is refused whole.
    const body = readableText(request.body);
    if (body === undefined) throw new AppError('validation_failed', { detail: 'the body is not UTF-8 text without NUL characters', field: 'body' });
    const id = await repo.insertDelivery(deps.db, {
      connector: name,
      deliveryId: verdict.deliveryId.slice(0, 300),
      topic: verdict.topic?.slice(0, 200) ?? null,
      headers: verdict.headers,
      body,
      at: deps.clock.now(),
    });
    if (!id) {
      deps.logger.info({ connector: name, platformDeliveryId: verdict.deliveryId }, 'webhook delivered again; nothing changes');
      return { status: 'duplicate' };
    }
    void schedule(id);
    return { status: 'received', id };
  }

  /** Maps a delivery again with the mapping in force now (after a fix), and answers with its outcome. */
  async function replay(id: string) {
    const found = await repo.findDelivery(deps.db, id);
    if (!found) throw new AppError('not_found', { detail: `No connector delivery ${id}` });
    const requeued = await repo.requeueDeliveries(deps.db, [id]);
    if (requeued.length === 0) throw new AppError('conflict', { detail: `Delivery ${id} is being processed; try again in a moment` });
    await schedule(id);
    return toDeliveryView((await repo.findDelivery(deps.db, id))!, { withBody: false });
  }

  /**
   * Deliveries a process stored and never mapped (it stopped, or another process stopped mid-way): at start,
   * everything left; then every minute, what has waited longer than a minute (this process maps its own at once).
   */
  async function resumeUnfinished(options: { olderThanMs: number } = { olderThanMs: 0 }): Promise<number> {
    const now = deps.clock.now().getTime();
    const ids = await repo.listUnfinishedDeliveries(deps.db, { receivedBefore: new Date(now - options.olderThanMs), claimedBefore: new Date(now - staleClaimMs), limit: 1000 });
    for (const id of ids) void schedule(id);
    return ids.length;
  }

  let sweep: NodeJS.Timeout | undefined;
  function startSweep(): void {
    sweep ??= setInterval(() => void resumeUnfinished({ olderThanMs: 60_000 }).catch((error: unknown) => deps.logger.error({ err: error }, 'unmapped connector deliveries not resumed')), 60_000);
    sweep.unref();
  }

  /** Stops the sweep and waits for the deliveries under way. */
  async function stop(): Promise<void> {
    if (sweep) clearInterval(sweep);
    sweep = undefined;
    await idle();
  }

  /** Resolves when every delivery received so far has been mapped (tests, and shutdown). */
  async function idle(): Promise<void> {
    while (pending > 0) await chain;
  }

  async function listConnectors() {
    const summaries = new Map((await repo.summariseDeliveries(deps.db)).map((summary) => [summary.connector, summary]));
    return deps.connectors.map((connector) => {
      const summary = summaries.get(connector.name);
      return {
        name: connector.name,
        kind: connector.kind,
        endpoint_url: `${deps.publicUrl.replace(/\/$/, '')}/webhooks/${connector.name}`,
        configured: connector.configured,
        secret_env: connector.secretEnv,
        deliveries: summary?.total ?? 0,
        failures: summary?.failed ?? 0,
        last_delivery_at: summary?.lastAt?.toISOString() ?? null,
        last_status: summary?.lastStatus ?? null,
      };
    });
  }

  async function listDeliveries(filter: { connector?: string | undefined; status?: DeliveryStatus | undefined; limit?: number | undefined }) {
    const records = await repo.listDeliveries(deps.db, { connector: filter.connector, status: filter.status, limit: filter.limit ?? 50 });
    return records.map((record) => toDeliveryView(record, { withBody: false }));
  }

  async function getDelivery(id: string) {
    const record = await repo.findDelivery(deps.db, id);
    if (!record) throw new AppError('not_found', { detail: `No connector delivery ${id}` });
    return toDeliveryView(record, { withBody: true });
  }

  return { receive, replay, resumeUnfinished, startSweep, stop, idle, listConnectors, listDeliveries, getDelivery };
}

export type ConnectorService = ReturnType<typeof createConnectorService>;
