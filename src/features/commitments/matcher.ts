// A small declarative condition on an event and its case: paths and comparisons, never code.
import { z } from 'zod';

type Scalar = string | number | boolean;

/** One comparison on a dotted path such as `event.data.score`, or a combination of matchers. */
export type Matcher =
  | { all: Matcher[] }
  | { any: Matcher[] }
  | { not: Matcher }
  | {
      path: string;
      eq?: Scalar;
      ne?: Scalar;
      in?: Scalar[];
      not_in?: Scalar[];
      lt?: number;
      lte?: number;
      gt?: number;
      gte?: number;
      exists?: boolean;
    };

const scalarSchema = z.union([z.string(), z.number(), z.boolean()]);

const comparisonSchema = z
  .strictObject({
    path: z.string().regex(/^[A-Za-z_][\w]*(\.[\w]+)*$/, 'a dotted path such as event.data.score'),
    eq: scalarSchema.optional(),
    ne: scalarSchema.optional(),
    in: z.array(scalarSchema).optional(),
    not_in: z.array(scalarSchema).optional(),
    lt: z.number().optional(),
    lte: z.number().optional(),
    gt: z.number().optional(),
    gte: z.number().optional(),
    exists: z.boolean().optional(),
  })
  .refine((c) => Object.keys(c).length > 1, { message: 'a condition needs a comparison (eq, in, lte, exists…)' });

export const matcherSchema: z.ZodType<Matcher> = z.lazy(() =>
  z.union([z.strictObject({ all: z.array(matcherSchema).min(1) }), z.strictObject({ any: z.array(matcherSchema).min(1) }), z.strictObject({ not: matcherSchema }), comparisonSchema]),
);

function readPath(subject: unknown, path: string): unknown {
  let value: unknown = subject;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** True when `subject` satisfies the matcher; a missing or null value fails every comparison but `exists: false`. */
export function matches(matcher: Matcher, subject: unknown): boolean {
  if ('all' in matcher) return matcher.all.every((m) => matches(m, subject));
  if ('any' in matcher) return matcher.any.some((m) => matches(m, subject));
  if ('not' in matcher) return !matches(matcher.not, subject);
  const value = readPath(subject, matcher.path);
  // null is how the API writes "none" (an event without an order), so it counts as missing.
  const present = value !== undefined && value !== null;
  if (matcher.exists !== undefined && matcher.exists !== present) return false;
  if (!present) return matcher.exists === false;
  if (matcher.eq !== undefined && value !== matcher.eq) return false;
  if (matcher.ne !== undefined && value === matcher.ne) return false;
  if (matcher.in !== undefined && !matcher.in.includes(value as Scalar)) return false;
  if (matcher.not_in !== undefined && matcher.not_in.includes(value as Scalar)) return false;
  const numeric = typeof value === 'number' ? value : undefined;
  if (matcher.lt !== undefined && !(numeric !== undefined && numeric < matcher.lt)) return false;
  if (matcher.lte !== undefined && !(numeric !== undefined && numeric <= matcher.lte)) return false;
  if (matcher.gt !== undefined && !(numeric !== undefined && numeric > matcher.gt)) return false;
  if (matcher.gte !== undefined && !(numeric !== undefined && numeric >= matcher.gte)) return false;
  return true;
}
