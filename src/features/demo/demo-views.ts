// The shapes the demo reads from the API (SPEC §3), parsed loosely: fields a version lacks are left out, and
// the demo says what it saw rather than failing.
import { z } from 'zod';

export const commitmentViewSchema = z.looseObject({
  id: z.string(),
  kind: z.string(),
  state: z.string(),
  due_at: z.string().nullish(),
  owner_id: z.string().nullish(),
  case_id: z.string().nullish(),
});
export type CommitmentView = z.infer<typeof commitmentViewSchema>;

export const outboxViewSchema = z.looseObject({
  id: z.string(),
  channel: z.string().nullish(),
  to: z.string().nullish(),
  subject: z.string().nullish(),
  body: z.string().nullish(),
  reason_code: z.string().nullish(),
  status: z.string(),
  audit: z.looseObject({ ok: z.boolean().optional(), findings: z.array(z.looseObject({ code: z.string(), detail: z.string().optional() })).optional() }).nullish(),
});
export type OutboxView = z.infer<typeof outboxViewSchema>;

export const caseViewSchema = z.looseObject({
  id: z.string(),
  customer_id: z.string().optional(),
  state: z.string().optional(),
  owner_id: z.string().nullish(),
  subject: z.string().nullish(),
  channels: z.array(z.string()).optional(),
  escalated: z.boolean().optional(),
  risk: z.looseObject({ score: z.number().optional(), signals: z.array(z.looseObject({ code: z.string(), detail: z.string().optional() })).optional() }).nullish(),
  documents: z.array(z.looseObject({ kind: z.string().optional(), state: z.string().optional() })).optional(),
  messages: z.array(z.looseObject({ direction: z.string().optional() })).optional(),
});
export type CaseView = z.infer<typeof caseViewSchema>;

export const findingsSchema = z.looseObject({ findings: z.array(z.looseObject({ code: z.string(), detail: z.string().optional() })) });

const itemsOf = <T extends z.ZodType>(schema: T) =>
  z.looseObject({ items: z.array(z.unknown()) }).transform((v) =>
    v.items.flatMap((item) => {
      const parsed = schema.safeParse(item);
      return parsed.success ? [parsed.data as z.infer<T>] : [];
    }),
  );

/** `{items: [...]}` of a list endpoint: the items that parse; none when the answer is not a list. */
export function parseItems<T extends z.ZodType>(schema: T, body: unknown): Array<z.infer<T>> {
  const parsed = itemsOf(schema).safeParse(body);
  return parsed.success ? parsed.data : [];
}
