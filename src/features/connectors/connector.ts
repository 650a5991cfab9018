// What every connector is: a signature check that says which delivery a request is, and a mapping from the
// stored delivery to Kept events. Both are pure; the service stores, ingests and replays around them.
import type { EventInput } from '../events/event.schemas.js';

export type ConnectorKind = 'shopify' | 'woocommerce' | 'stripe' | 'declared';

/** A request as it reached `POST /webhooks/{name}`: lower-cased headers and the raw body. */
export interface IncomingRequest {
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: Buffer;
  contentType: string;
}

export type Verdict =
  /** A signed delivery: its idempotency key, its topic and the headers worth keeping (never a signature). */
  | { kind: 'delivery'; deliveryId: string; topic: string | null; headers: Record<string, string> }
  /** A platform's unsigned "are you there?" (WooCommerce pings when a webhook is created): answered, not stored. */
  | { kind: 'ping' }
  /** 401: a missing or wrong signature; 400: a signed request Kept must not take (a stale Stripe timestamp). */
  | { kind: 'refused'; status: 400 | 401; detail: string };

/** A stored delivery as a mapping reads it. */
export interface StoredDelivery {
  deliveryId: string;
  topic: string | null;
  headers: Readonly<Record<string, string>>;
  body: string;
}

export interface OrderAlias {
  platformOrderId: string;
  orderNumber: string;
  /** The platform's time of an order snapshot this delivery carried (ISO). */
  snapshotAt?: string;
}

export type MapOutcome =
  | { kind: 'events'; events: EventInput[]; aliases: OrderAlias[] }
  /** Nothing Kept records (a topic it does not follow, a status the table ignores); kept with the why. */
  | { kind: 'ignored'; note: string; aliases: OrderAlias[] }
  /** Cannot be mapped now; kept with the error. `waitingOn`: a platform order id not seen yet, retried when it arrives. */
  | { kind: 'failed'; error: string; waitingOn?: string };

export interface MappingContext {
  /** The Kept order number of a platform order id seen before on this connector. */
  orderNumberOf(platformOrderId: string): Promise<string | undefined>;
  /** The newest order snapshot already mapped for a platform order: an older one arriving late changes no fact. */
  newestSnapshotOf(platformOrderId: string): Promise<Date | undefined>;
}

export interface Connector {
  name: string;
  kind: ConnectorKind;
  /** False when no secret is set: every request is refused. */
  configured: boolean;
  /** Where its secret comes from, for the console (the variable's name, never its value). */
  secretEnv: string;
  verify(request: IncomingRequest, now: Date): Verdict;
  map(delivery: StoredDelivery, context: MappingContext): Promise<MapOutcome>;
}

/** One header's value as text (the first when repeated). */
export function headerOf(request: IncomingRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** The named headers that are present, for storing with the delivery. */
export function keptHeaders(request: IncomingRequest, names: readonly string[]): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of names) {
    const value = headerOf(request, name);
    if (value !== undefined) kept[name.toLowerCase()] = value.slice(0, 500);
  }
  return kept;
}

/** A mapping error raised deep inside a mapper: the delivery fails with this text. */
export class MappingError extends Error {
  readonly waitingOn: string | undefined;
  constructor(message: string, waitingOn?: string) {
    super(message);
    this.name = 'MappingError';
    this.waitingOn = waitingOn;
  }
}

/** The body as JSON, or a mapping error (a delivery that is not JSON is kept and shown, never lost). */
export function parseJsonBody(body: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw new MappingError('the body is not valid JSON');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new MappingError('the body is not a JSON object');
  return value as Record<string, unknown>;
}

/** Runs a mapper, turning a MappingError (or an event that fails its schema) into a failed outcome. */
export async function safeMap(run: () => Promise<MapOutcome>): Promise<MapOutcome> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof MappingError) return { kind: 'failed', error: error.message, ...(error.waitingOn ? { waitingOn: error.waitingOn } : {}) };
    throw error;
  }
}
