// The one map from errors to HTTP: AppError codes, validation errors and Fastify's own errors become
// problem+json with a detail that names the field.
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isAppError, type ErrorCode } from '../shared/app-error.js';
import { isDiskFullError } from '../db/store-guard.js';
import { problem, type Problem } from './problem.js';

const statusByCode: Record<ErrorCode, [number, string]> = {
  validation_failed: [400, 'Invalid request'],
  not_found: [404, 'Not found'],
  conflict: [409, 'Conflict'],
  unauthenticated: [401, 'Unauthenticated'],
  forbidden: [403, 'Forbidden'],
  payload_too_large: [413, 'Payload too large'],
  clock_not_manual: [409, 'Clock is not manual'],
  unsupported_media_type: [415, 'Unsupported media type'],
  insufficient_storage: [507, 'Insufficient storage'],
  too_many_requests: [429, 'Too many requests'],
  internal: [500, 'Internal error'],
};

function pathText(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : `${text}${text ? '.' : ''}${String(part)}`), '');
}

function toProblem(error: FastifyError | Error): Problem {
  if (isAppError(error)) {
    const [status, title] = statusByCode[error.code];
    return problem(status, title, error.message, { ...(error.field ? { field: error.field } : {}), ...(error.extra ?? {}) });
  }
  if (isDiskFullError(error)) {
    return problem(507, 'Insufficient storage', 'Kept cannot store anything now: the disk is full. Nothing was written; send it again when space is freed.');
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const first = error.validation[0]!;
    const where = [error.validationContext, first.instancePath.replace(/^\//, '').replace(/\//g, '.')].filter(Boolean).join('.');
    return problem(400, 'Invalid request', `${where || 'request'}: ${first.message}`, { field: where });
  }
  const fastifyError = error as FastifyError;
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return problem(400, 'Malformed JSON', `The body is not valid JSON: ${fastifyError.message}`);
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return problem(413, 'Payload too large', fastifyError.message);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return problem(415, 'Unsupported media type', fastifyError.message);
    default:
      break;
  }
  if (fastifyError.validation) {
    const first = fastifyError.validation[0];
    const where = pathText((first?.instancePath ?? '').split('/').filter(Boolean));
    return problem(400, 'Invalid request', `${where || fastifyError.validationContext || 'request'}: ${first?.message ?? fastifyError.message}`, { field: where });
  }
  const status = fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500 ? fastifyError.statusCode : 500;
  return problem(status, status === 500 ? 'Internal error' : 'Request failed', status === 500 ? 'Something went wrong on our side; it has been logged.' : fastifyError.message);
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const body = toProblem(error);
    if (body.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.debug({ err: error }, 'request refused');
    void reply.status(body.status).type('application/problem+json').send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    void reply
      .status(404)
      .type('application/problem+json')
      .send(problem(404, 'Not found', `No route ${request.method} ${request.url.split('?')[0]}`));
  });
}
