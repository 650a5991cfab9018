// The `promises:` section of kept.config.yaml: what a promise without a time is given.
import { z } from 'zod';

export const promisesSectionSchema = z
  .object({
    /** Business hours (on the default calendar) a vague promise — "we'll look into it" — is given. */
    vague_deadline_business_hours: z.number().positive().max(24 * 30).default(8),
    /** Minutes before its deadline a promise is marked at risk (and shows in the at-risk queue). */
    at_risk_lead_minutes: z.number().int().min(0).max(24 * 60).default(60),
    /** The calendar that counts business time for promises; `default` unless named. */
    calendar: z.string().default('default'),
  })
  .strict();

export type PromisesSection = z.infer<typeof promisesSectionSchema>;
export const defaultPromisesSection: PromisesSection = promisesSectionSchema.parse({});
