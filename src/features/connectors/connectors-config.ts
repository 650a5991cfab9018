// The `connectors:` section of kept.config.yaml: where the three platforms' secrets come from, and any other
// platform declared by name with its signature scheme and a mapping from its payload to Kept events.
import parseJsonPath from 'jsonpath-rfc9535/parser';
import { z } from 'zod';

const eventTypePattern = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;

/** A JSON path (RFC 9535) into the payload, such as `$.order.number`; checked when the config loads. */
export const jsonPathSchema = z.string().superRefine((path, ctx) => {
  if (!path.startsWith('$')) {
    ctx.addIssue({ code: 'custom', message: `a JSON path starts with $ (such as "$.order.id"), got "${path}"` });
    return;
  }
  try {
    parseJsonPath(path);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: `not a JSON path: ${error instanceof Error ? error.message : String(error)}` });
  }
});

const pathsSchema = z.union([jsonPathSchema, z.array(jsonPathSchema).min(1).max(5)]);

/** A value read from the payload through a table: `{ path, map: { platform value: Kept value }, default? }`. */
const tableSchema = (value: z.ZodType<string>) =>
  z
    .object({
      path: jsonPathSchema,
      map: z.record(z.string(), value),
      default: value.optional(),
    })
    .strict();

const eventTypeSchema = z.string().regex(eventTypePattern, 'a dotted event type such as "order.cancelled", or "ignore"');
const typeValueSchema = z.union([z.literal('ignore'), eventTypeSchema]);
const reasonCodeSchema = z.string().min(1).max(100);

export const declaredEventSchema = z
  .object({
    /** Only deliveries with one of these topics take this mapping; every delivery when left out. */
    topics: z.array(z.string().min(1)).min(1).optional(),
    /** What makes the event unique on the platform (one or more paths, joined): the Kept event id is `<connector>:<value>`. */
    id: pathsSchema,
    occurred_at: jsonPathSchema,
    type: z.union([typeValueSchema, tableSchema(typeValueSchema)]),
    reason: z.union([reasonCodeSchema, tableSchema(reasonCodeSchema)]).optional(),
    customer: z.object({ email: jsonPathSchema.optional(), phone: jsonPathSchema.optional(), external_id: jsonPathSchema.optional(), name: jsonPathSchema.optional() }).strict().optional(),
    order: z
      .object({
        id: jsonPathSchema,
        total: z
          .object({ amount: jsonPathSchema, currency: jsonPathSchema, minor_units: z.boolean().default(false) })
          .strict()
          .optional(),
        payment: z.object({ method: jsonPathSchema.optional(), last4: jsonPathSchema.optional() }).strict().optional(),
        ship_to: z.object({ name: jsonPathSchema.optional(), is_gift: jsonPathSchema.optional(), recipient_email: jsonPathSchema.optional() }).strict().optional(),
      })
      .strict()
      .optional(),
    /** Refunds and credits: the amount (and whether the platform counts in minor units, like cents). */
    amount: z
      .object({ amount: jsonPathSchema, currency: jsonPathSchema, minor_units: z.boolean().default(false) })
      .strict()
      .optional(),
    /** Where a refund or credit went. */
    to: z.object({ method: jsonPathSchema.optional(), last4: jsonPathSchema.optional() }).strict().optional(),
    /** Other fields of the event's `data`, each read from a path (carrier, tracking_number, new_eta…). */
    data: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/, 'a snake_case field name'), jsonPathSchema).optional(),
  })
  .strict();

export const signatureSchema = z
  .object({
    header: z.string().min(1),
    algorithm: z.enum(['sha1', 'sha256', 'sha512']).default('sha256'),
    encoding: z.enum(['hex', 'base64']).default('hex'),
    /** Text before the digest in the header (`sha256=`), left out before comparing. */
    prefix: z.string().default(''),
    /** What is signed: the raw body, or `<timestamp><separator><body>` with the timestamp from a header. */
    signed: z.enum(['body', 'timestamp_and_body']).default('body'),
    timestamp_header: z.string().min(1).optional(),
    separator: z.string().default('.'),
    tolerance_seconds: z.number().int().min(1).max(86_400).default(300),
  })
  .strict()
  .refine((signature) => signature.signed === 'body' || signature.timestamp_header, { message: 'signed: timestamp_and_body needs timestamp_header', path: ['timestamp_header'] });

const headerOrPathsSchema = z
  .object({ header: z.string().min(1).optional(), path: pathsSchema.optional() })
  .strict()
  .refine((source) => Boolean(source.header) !== Boolean(source.path), { message: 'give either header or path' });

export const declaredConnectorSchema = z
  .object({
    /** The environment variable holding the signing secret (never the secret itself). */
    secret_env: z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'an environment variable name such as ACME_WEBHOOK_SECRET'),
    signature: signatureSchema,
    /** The platform's delivery id: a repeat of it changes nothing. */
    delivery_id: headerOrPathsSchema,
    topic: headerOrPathsSchema.optional(),
    events: z.array(declaredEventSchema).min(1).max(50),
  })
  .strict();

const reservedNames = ['shopify', 'woocommerce', 'stripe'];

/** Other platforms by the name in their URL, `POST /webhooks/<name>`; the three built-in ones need only their secret. */
export const connectorsSectionSchema = z.record(z.string(), declaredConnectorSchema).superRefine((section, ctx) => {
  // Checked here rather than on the key, so the message (not zod's "Invalid key") reaches the person.
  for (const name of Object.keys(section)) {
    if (reservedNames.includes(name)) ctx.addIssue({ code: 'custom', path: [name], message: 'a built-in connector: it needs no mapping, only its KEPT_…_WEBHOOK_SECRET' });
    else if (!/^[a-z][a-z0-9-]{0,39}$/.test(name)) ctx.addIssue({ code: 'custom', path: [name], message: 'a lower-case name for the URL, such as "acme-shop"' });
  }
});

export type ConnectorsSection = z.infer<typeof connectorsSectionSchema>;
export type DeclaredConnectorConfig = z.infer<typeof declaredConnectorSchema>;
export type DeclaredEventConfig = z.infer<typeof declaredEventSchema>;

/** Problems the schema cannot see: a reason code a mapping names that the reason catalog does not have. */
export function checkConnectorsConfig(options: {
  section: ConnectorsSection | undefined;
  reasonCodes: ReadonlySet<string>;
  lineOf: (path: readonly (string | number)[]) => number | undefined;
}): { line: number | undefined; field: string; message: string }[] {
  const problems: { line: number | undefined; field: string; message: string }[] = [];
  for (const [name, connector] of Object.entries(options.section ?? {})) {
    connector.events.forEach((event, index) => {
      const reason = event.reason;
      if (reason === undefined) return;
      const named: [string[], string][] =
        typeof reason === 'string'
          ? [[[], reason]]
          : [...Object.entries(reason.map).map(([key, code]): [string[], string] => [['map', key], code]), ...(reason.default ? [[['default'], reason.default] as [string[], string]] : [])];
      for (const [where, code] of named) {
        if (options.reasonCodes.has(code)) continue;
        const path = ['connectors', name, 'events', index, 'reason', ...where];
        problems.push({ line: options.lineOf(path), field: path.join('.'), message: `reason ${code} is not in the reason catalog` });
      }
    });
  }
  return problems;
}
