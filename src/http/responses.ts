// The shapes of answers that many routes share, declared once for the OpenAPI document: problem details
// for errors, lists, and "no content".
import type { FastifySchema } from 'fastify';
import { z } from 'zod';
import { problemSchema } from './problem.js';

const errorTitles: Record<number, string> = {
  400: 'The request is invalid; `field` names what to fix',
  401: 'No token, or an unknown, expired or revoked one',
  403: "The token's role may not do this",
  404: 'Nothing was found by that id',
  409: 'The request conflicts with the current state',
  413: 'The body is too large',
  415: 'The content type is not accepted',
  422: 'Understood but refused; the problem says why',
  429: 'Too many requests; try again after Retry-After',
};

/** An answer of a content type other than JSON (an event stream, a page, a metrics scrape). */
export interface ContentResponse {
  description: string;
  content: Record<string, { schema: z.ZodType }>;
}

/** A problem+json answer (RFC 9457) for the given status. */
export function problemResponse(status: number, description = errorTitles[status] ?? 'The request failed'): ContentResponse {
  return { description, content: { 'application/problem+json': { schema: problemSchema } } };
}

/** Problem answers by status, for a route's `response`: `...errorResponses(404, 409)`. */
export function errorResponses(...statuses: number[]): Record<number, ContentResponse> {
  return Object.fromEntries(statuses.map((status) => [status, problemResponse(status)]));
}

/**
 * A route's answers by status, for `schema.response`. The map is typed as Fastify's plain schema on
 * purpose: handlers keep their own return types (the case read sends JSON text from the store), and tests
 * check every answer against its schema at run time (`checkResponses`), so a declaration cannot drift.
 */
export function declareResponses(map: Record<number, z.ZodType | ContentResponse>): FastifySchema['response'] {
  return map;
}

/** `{ items: [...] }`, the shape every list answers with. */
export function itemsOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item) });
}

/** An answer without a body (204). */
export const noContent = z.null().meta({ description: 'Done; no content' });

/** A time as ISO 8601 text with its offset. */
export const timeText = z.string().meta({ format: 'date-time' });

/** A finding of a reply's or message's checks (fact audit, reason conflict, repeated reply…). */
export const findingSchema = z.looseObject({ code: z.string(), detail: z.string() }).meta({ id: 'Finding' });
