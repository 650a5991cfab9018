// A connector declared in kept.config.yaml: its signature scheme and a mapping read through JSON paths
// (RFC 9535) and status tables. A value the table does not know fails the delivery with the value named,
// so the mapping can be fixed and the delivery replayed.
import { query, type JsonValue } from 'jsonpath-rfc9535';
import type { EventInput } from '../events/event.schemas.js';
import { headerOf, keptHeaders, MappingError, parseJsonBody, safeMap, type Connector, type IncomingRequest, type MapOutcome, type StoredDelivery, type Verdict } from './connector.js';
import type { DeclaredConnectorConfig, DeclaredEventConfig } from './connectors-config.js';
import { amountText, defined, minorToDecimal, type Json } from './payload.js';
import { hmacDigest, sameText } from './signatures.js';

/** The event types whose `data.reason` names the reason catalog's code. */
const typesWithReason = new Set(['order.payment_failed', 'order.cancelled', 'order.delayed', 'order.delivery_exception']);

function firstAt(document: Json, path: string): JsonValue | undefined {
  return query(document as JsonValue, path)[0];
}

function textOf(document: Json, path: string | undefined): string | undefined {
  if (!path) return undefined;
  const value = firstAt(document, path);
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  return undefined;
}

function joinedAt(document: Json, paths: string | string[], what: string): string {
  const parts = (Array.isArray(paths) ? paths : [paths]).map((path) => {
    const value = textOf(document, path);
    if (value === undefined) throw new MappingError(`${what}: ${path} finds nothing in the payload`);
    return value;
  });
  return parts.join(':');
}

/** ISO text, or Unix seconds (as a number or digits). */
function timeAt(document: Json, path: string): string {
  const value = firstAt(document, path);
  const time = typeof value === 'number' || (typeof value === 'string' && /^\d{9,11}$/.test(value)) ? new Date(Number(value) * 1000) : typeof value === 'string' ? new Date(value) : undefined;
  if (!time || Number.isNaN(time.getTime())) throw new MappingError(`occurred_at: ${path} is not a time (${JSON.stringify(value ?? null)})`);
  return time.toISOString();
}

function fromTable(document: Json, value: string | { path: string; map: Record<string, string>; default?: string | undefined }, what: string): string {
  if (typeof value === 'string') return value;
  const found = textOf(document, value.path);
  const mapped = (found !== undefined ? value.map[found] : undefined) ?? value.default;
  if (mapped === undefined) throw new MappingError(`${what}: the value ${JSON.stringify(found ?? null)} at ${value.path} is not in the ${what} table (${Object.keys(value.map).join(', ')})`);
  return mapped;
}

function moneyAt(document: Json, money: { amount: string; currency: string; minor_units: boolean }, what: string): { amount: string; currency: string } {
  const currency = textOf(document, money.currency)?.toUpperCase();
  const raw = textOf(document, money.amount);
  if (!currency || raw === undefined) throw new MappingError(`${what}: ${money.amount} or ${money.currency} finds nothing`);
  const amount = money.minor_units && /^-?\d+$/.test(raw) ? minorToDecimal(Math.abs(Number(raw)), currency) : amountText(raw);
  if (!amount) throw new MappingError(`${what}: ${raw} is not an amount`);
  return { amount, currency };
}

function eventFrom(options: { name: string; document: Json; mapping: DeclaredEventConfig }): EventInput | undefined {
  const { name, document, mapping } = options;
  const type = fromTable(document, mapping.type, 'type');
  if (type === 'ignore') return undefined;
  const id = `${name}:${joinedAt(document, mapping.id, 'id')}`;
  const customer = mapping.customer
    ? defined({
        email: textOf(document, mapping.customer.email),
        phone: textOf(document, mapping.customer.phone),
        external_id: ((value) => (value ? `${name}:${value}` : undefined))(textOf(document, mapping.customer.external_id)),
        name: textOf(document, mapping.customer.name),
      })
    : undefined;
  const order = mapping.order
    ? defined({
        id: joinedAt(document, mapping.order.id, 'order.id'),
        total: mapping.order.total ? moneyAt(document, mapping.order.total, 'order.total') : undefined,
        payment: mapping.order.payment ? defined({ method: textOf(document, mapping.order.payment.method), last4: textOf(document, mapping.order.payment.last4) }) : undefined,
        ship_to: mapping.order.ship_to
          ? defined({
              name: textOf(document, mapping.order.ship_to.name),
              is_gift: mapping.order.ship_to.is_gift ? firstAt(document, mapping.order.ship_to.is_gift) === true || textOf(document, mapping.order.ship_to.is_gift) === 'true' : undefined,
              recipient_email: textOf(document, mapping.order.ship_to.recipient_email),
            })
          : undefined,
      })
    : undefined;
  const data: Record<string, unknown> = {};
  // Only the changes told with a reason take one: a placement mapped by the same entry has none.
  if (mapping.reason !== undefined && typesWithReason.has(type)) data['reason'] = fromTable(document, mapping.reason, 'reason');
  if (mapping.amount) data['amount'] = moneyAt(document, mapping.amount, 'amount');
  if (mapping.to) data['to'] = defined({ method: textOf(document, mapping.to.method), last4: textOf(document, mapping.to.last4) });
  for (const [field, path] of Object.entries(mapping.data ?? {})) {
    const value = firstAt(document, path);
    if (value !== undefined && value !== null) data[field] = value;
  }
  return defined({ id, type, occurred_at: timeAt(document, mapping.occurred_at), customer: customer && Object.keys(customer).length > 0 ? customer : undefined, order, data });
}

async function mapDeclared(options: { name: string; config: DeclaredConnectorConfig; delivery: StoredDelivery }): Promise<MapOutcome> {
  const { name, config, delivery } = options;
  const document = parseJsonBody(delivery.body);
  const mappings = config.events.filter((mapping) => !mapping.topics || (delivery.topic !== null && mapping.topics.includes(delivery.topic)));
  if (mappings.length === 0) return { kind: 'ignored', note: `no mapping takes topic ${delivery.topic ?? '(none)'}`, aliases: [] };
  const events = mappings.flatMap((mapping) => eventFrom({ name, document, mapping }) ?? []);
  if (events.length === 0) return { kind: 'ignored', note: 'the type table says to ignore this delivery', aliases: [] };
  return { kind: 'events', events, aliases: [] };
}

function sourceValue(request: IncomingRequest, source: { header?: string | undefined; path?: string | string[] | undefined }): string | undefined {
  if (source.header) return headerOf(request, source.header);
  if (!source.path) return undefined;
  try {
    return joinedAt(parseJsonBody(request.body.toString('utf8')), source.path, 'delivery_id');
  } catch {
    return undefined;
  }
}

/** Checks a declared scheme: the HMAC of the body (or timestamp + body) in the named header, in constant time. */
export function verifyDeclaredSignature(options: {
  config: DeclaredConnectorConfig['signature'];
  secret: string;
  request: IncomingRequest;
  now: Date;
}): { ok: true } | { ok: false; status: 400 | 401; detail: string } {
  const { config, request } = options;
  const given = headerOf(request, config.header)?.trim();
  if (!given || !given.startsWith(config.prefix)) return { ok: false, status: 401, detail: `${config.header} is missing or does not start with "${config.prefix}"` };
  const timestamp = config.timestamp_header ? headerOf(request, config.timestamp_header)?.trim() : undefined;
  if (config.signed === 'timestamp_and_body' && !timestamp) return { ok: false, status: 401, detail: `${config.timestamp_header ?? 'the timestamp header'} is missing` };
  const payload = config.signed === 'body' ? request.body : Buffer.concat([Buffer.from(`${timestamp}${config.separator}`), request.body]);
  const expected = hmacDigest({ algorithm: config.algorithm, secret: options.secret, payload, encoding: config.encoding });
  if (!sameText(expected, given.slice(config.prefix.length))) return { ok: false, status: 401, detail: `${config.header} does not match the body` };
  if (config.signed === 'timestamp_and_body') {
    const age = Math.abs(Math.floor(options.now.getTime() / 1000) - Number(timestamp));
    if (!Number.isFinite(age) || age > config.tolerance_seconds)
      return { ok: false, status: 400, detail: `the signed timestamp is ${Number.isFinite(age) ? `${age} s` : 'not a time'} from Kept's clock (tolerance ${config.tolerance_seconds} s)` };
  }
  return { ok: true };
}

export function createDeclaredConnector(options: { name: string; config: DeclaredConnectorConfig; secret: string | undefined }): Connector {
  const { name, config } = options;
  const stored = [config.delivery_id.header, config.topic?.header].filter((header): header is string => Boolean(header));
  return {
    name,
    kind: 'declared',
    configured: Boolean(options.secret),
    secretEnv: config.secret_env,
    verify(request, now): Verdict {
      if (!options.secret) return { kind: 'refused', status: 401, detail: `the ${name} webhook is not configured: set ${config.secret_env}` };
      const verdict = verifyDeclaredSignature({ config: config.signature, secret: options.secret, request, now });
      if (!verdict.ok) return { kind: 'refused', status: verdict.status, detail: verdict.detail };
      const deliveryId = sourceValue(request, config.delivery_id);
      if (!deliveryId) return { kind: 'refused', status: 400, detail: `the delivery id (${config.delivery_id.header ?? String(config.delivery_id.path)}) is missing` };
      return { kind: 'delivery', deliveryId: deliveryId.slice(0, 300), topic: config.topic ? (sourceValue(request, config.topic) ?? null) : null, headers: keptHeaders(request, stored) };
    },
    map: (delivery) => safeMap(() => mapDeclared({ name, config, delivery })),
  };
}
