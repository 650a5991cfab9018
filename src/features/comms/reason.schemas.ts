// The `reasons` section of kept.config.yaml: one entry per reason code, shared by every channel.
import { z } from 'zod';

export const reasonCodeSchema = z.string().regex(/^[a-z][a-z0-9_]*$/, 'a reason code is lower_snake_case, e.g. out_of_stock');

export const reasonSchema = z.object({
  code: reasonCodeSchema,
  /** What every customer-facing channel says; one sentence. */
  customer_text: z.string().min(1),
  /** What agents and managers read in the console. */
  internal_text: z.string().min(1),
  /** Words that state this reason in free text (matched case-insensitively, on word boundaries). */
  phrases: z.array(z.string().min(3)).min(1),
  /** The "Plan B" message sent when nobody told the customer in time; Handlebars like any template. */
  fallback: z.object({ subject: z.string().min(1), text: z.string().min(1) }),
});

export const reasonCatalogSchema = z.array(reasonSchema).superRefine((reasons, ctx) => {
  const seen = new Set<string>();
  reasons.forEach((reason, index) => {
    if (seen.has(reason.code)) {
      ctx.addIssue({ code: 'custom', path: [index, 'code'], message: `reason code ${reason.code} appears twice` });
    }
    seen.add(reason.code);
  });
});

export type Reason = z.infer<typeof reasonSchema>;
export type ReasonCatalog = z.infer<typeof reasonCatalogSchema>;
