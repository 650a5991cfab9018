// Refuses, before any route reads it, input the store cannot hold or a reader cannot walk: a NUL or a lone
// surrogate in any string or key (PostgreSQL's text and jsonb refuse both), and JSON nested deeper than any
// real payload. The answer is a 400 naming the field, for the body, the query string and the path alike.
import type { FastifyInstance } from 'fastify';
import { AppError } from '../shared/app-error.js';

/** Deeper than any payload Kept or a shop platform sends; a 10,000-deep document is an attack, not data. */
export const maxInputDepth = 32;

// A NUL, a high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
const unstorable = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function joinPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

function refuse(field: string, problem: string): never {
  throw new AppError('validation_failed', { detail: `${field || 'body'}: ${problem}`, field: field || 'body' });
}

function describe(text: string): string {
  return text.includes('\u0000') ? 'contains a NUL character (U+0000)' : 'contains a lone surrogate (not valid Unicode)';
}

/** Throws AppError('validation_failed') naming the first unstorable string or too-deep value in `value`. */
export function checkInput(value: unknown, root = ''): void {
  // Iterative, so the check itself cannot overflow the stack on the input it exists to refuse.
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: root, depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (typeof item.value === 'string') {
      if (unstorable.test(item.value)) refuse(item.path, describe(item.value));
      continue;
    }
    if (item.value === null || typeof item.value !== 'object') continue;
    if (item.depth >= maxInputDepth) refuse(item.path, `nested deeper than ${maxInputDepth} levels`);
    if (Array.isArray(item.value)) {
      for (const [index, entry] of item.value.entries()) stack.push({ value: entry, path: joinPath(item.path, index), depth: item.depth + 1 });
      continue;
    }
    for (const [key, entry] of Object.entries(item.value)) {
      if (unstorable.test(key)) refuse(joinPath(item.path, key), `the key ${describe(key)}`);
      stack.push({ value: entry, path: joinPath(item.path, key), depth: item.depth + 1 });
    }
  }
}

/** Checks every request's path parameters, query string and parsed body before validation runs. */
export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    checkInput(request.params);
    checkInput(request.query);
    if (request.body !== undefined && !Buffer.isBuffer(request.body)) checkInput(request.body);
  });
}
