// RFC 9457 problem details: the one shape every error takes on the wire.
import { z } from 'zod';

export const problemSchema = z
  .looseObject({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    field: z.string().optional().meta({ description: 'The field to fix, e.g. events[3].occurred_at' }),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details; some problems add fields (findings of a held reply)' });

export type Problem = z.infer<typeof problemSchema> & Record<string, unknown>;

export function problem(status: number, title: string, detail: string, extra: Record<string, unknown> = {}): Problem {
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return { type: `https://kept.dev/problems/${slug}`, title, status, detail, ...extra };
}
