// OpenAPI 3.1 generated from the same zod schemas that validate requests, served at /api/v1/openapi.json.
// Responses are declared per route; the errors that follow from a route's declaration (400 for its inputs,
// 401/403 for its access) are added here, so the document cannot forget them.
import fastifySwagger from '@fastify/swagger';
import type { FastifyInstance, FastifySchema, FastifySerializerCompiler } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject, ResponseSerializationError, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponse } from './responses.js';

export interface OpenApiOptions {
  /** Check every answer against its declared schema (tests do): a mismatch is a 500 naming the route. */
  checkResponses?: boolean;
}

function zodOf(schema: unknown): z.ZodType {
  if (schema instanceof z.ZodType) return schema;
  throw new Error('A response schema must be a zod schema');
}

/**
 * Serialises what a route sends as it is (JSON.stringify, as a route without a schema would): a declared
 * schema documents the answer and never strips a field from it.
 */
function responseSerializer(options: OpenApiOptions): FastifySerializerCompiler<unknown> {
  return ({ schema, method, url }) => {
    const declared = zodOf(schema);
    return (data) => {
      if (options.checkResponses) {
        const checked = declared.safeParse(data);
        if (!checked.success) throw new ResponseSerializationError(method, url, { cause: checked.error });
      }
      return JSON.stringify(data);
    };
  };
}

type ResponseMap = Record<string | number, unknown>;

/** Adds the problem answers a route's inputs and access imply, unless the route declares them itself. */
function addImpliedErrors(schema: FastifySchema & { hide?: boolean }, auth: string | undefined): void {
  if (schema.hide) return;
  const response = ((schema.response as ResponseMap | undefined) ?? {}) as ResponseMap;
  const implied: number[] = [];
  if (schema.body || schema.querystring || schema.params) implied.push(400);
  if (auth !== 'public') implied.push(401);
  if (auth === 'manager' || auth === 'admin') implied.push(403);
  if (schema.params) implied.push(404);
  for (const status of implied) response[status] ??= problemResponse(status);
  schema.response = response;
  // A public route needs no token: the document says so instead of the global bearer requirement.
  if (auth === 'public') (schema as { security?: unknown[] }).security ??= [];
}

type OpenApiObject = ReturnType<typeof jsonSchemaTransformObject>;

/**
 * Every schema with an id is written twice, as it is read (`…Input`) and as it is sent; most are only
 * sent, so the input twin nobody references is left out of the document.
 */
function withoutUnusedComponents(document: OpenApiObject): OpenApiObject {
  const { components } = document as { components?: { schemas?: Record<string, unknown> } };
  const schemas = components?.schemas;
  if (!components || !schemas) return document;
  const referenced = (value: unknown, name: string) => JSON.stringify(value).includes(`"#/components/schemas/${name}"`);
  const rest = { ...document, components: { ...components, schemas: {} } };
  const used = Object.fromEntries(Object.entries(schemas).filter(([name]) => !name.endsWith('Input') || referenced(rest, name)));
  // A kept component may itself reference an input twin.
  const kept = Object.fromEntries(Object.entries(schemas).filter(([name]) => name in used || referenced(used, name)));
  return { ...document, components: { ...components, schemas: kept } } as OpenApiObject;
}

export async function registerOpenApi(app: FastifyInstance, options: OpenApiOptions = {}): Promise<void> {
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializer(options));
  app.addHook('onRoute', (route) => {
    if (route.schema) addImpliedErrors(route.schema, route.config?.auth);
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Kept API',
        version: '1.0.0',
        description: 'Every promise made to a customer, kept. See SPEC §3.',
        license: { name: 'AGPL-3.0-only', identifier: 'AGPL-3.0-only' },
      },
      servers: [{ url: '/', description: 'This Kept instance' }],
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
      tags: [
        { name: 'events', description: 'What happened to customers: orders, contacts, surveys' },
        { name: 'customers', description: 'Customers, their identities and timelines' },
        { name: 'orders', description: 'The order projection' },
        { name: 'cases', description: 'Conversations with one owner, across channels' },
        { name: 'commitments', description: 'What is owed to a customer, by when' },
        { name: 'outbox', description: 'Every message Kept sent or held' },
        { name: 'templates', description: 'Typed message templates' },
        { name: 'agents', description: 'Agents and their roles' },
        { name: 'auth', description: 'Console sessions' },
        { name: 'claims', description: 'Claims and their documents' },
        { name: 'surveys', description: 'Surveys and closing the loop' },
        { name: 'reports', description: 'Dashboards for managers' },
        { name: 'settings', description: 'The loaded configuration' },
        { name: 'clock', description: "Kept's time (manual in tests and replays)" },
        { name: 'live', description: 'Server-sent events for the console' },
        { name: 'email', description: 'Inbound email and its quarantine' },
        { name: 'channels', description: 'Signed inbound webhooks of other channels' },
        { name: 'connectors', description: 'Shop webhooks (Shopify, WooCommerce, Stripe, declared connectors) and their deliveries' },
        { name: 'meta', description: 'Health of this instance' },
      ],
    },
    transform: jsonSchemaTransform,
    transformObject: (document) => withoutUnusedComponents(jsonSchemaTransformObject(document)),
    hideUntagged: false,
  });
  app.get('/api/v1/openapi.json', { config: { auth: 'public' }, schema: { hide: true } }, async () => app.swagger());
}
