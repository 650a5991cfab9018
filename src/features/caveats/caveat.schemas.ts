// The `caveats:` section of kept.config.yaml: what each product caveat tells the buyer in plain words, how
// soon it must be disclosed, and what information the seller owes by a date, owned by which team.
import { z } from 'zod';

const durationSchema = z.union([
  z.strictObject({ minutes: z.number().int().positive() }),
  z.strictObject({ hours: z.number().int().positive() }),
  z.strictObject({ days: z.number().int().positive() }),
]);
export type CaveatDuration = z.infer<typeof durationSchema>;

const phrasesSchema = z.array(z.string().trim().min(3, 'a phrase of at least 3 characters')).default([]);

const infoSchema = z.strictObject({
  /** What is owed, as the customer reads it: "pick-up instructions". */
  what: z.string().trim().min(3),
  /** By when: `days_before` a date field of the order item (`item.event_date`). */
  due: z.strictObject({
    days_before: z.number().int().min(0),
    field: z.string().regex(/^item\.[a-z_][a-z0-9_]*$/, 'a field of the order item, such as item.event_date'),
  }),
  /** The team that owes it (a team of the `teams:` section). */
  team: z.string().min(1),
  /** The warning: hours before the deadline when the commitment comes at risk. */
  warn_hours_before: z.number().int().positive().default(48),
  /** Words that show a message delivers the information; `what` when none are given. */
  phrases: phrasesSchema,
});

const caveatSchema = z.strictObject({
  code: z.string().regex(/^[a-z][a-z0-9_]*$/, 'a caveat code in snake_case'),
  /** The plain words the customer must read. */
  text: z.string().trim().min(10, 'the plain customer text of the caveat'),
  /** How soon after purchase it must have been disclosed. */
  disclose_within: durationSchema,
  /** Minutes before that deadline when Kept sends its own disclosure, if no message has stated it. */
  fallback_lead_minutes: z.number().int().positive().default(60),
  /** Other plain words that state the caveat (a shop's own wording); the text itself always does. */
  phrases: phrasesSchema,
  info: infoSchema.optional(),
});

export type Caveat = z.infer<typeof caveatSchema>;

/** `caveats:` — the catalog. Codes are unique. */
export const caveatsSectionSchema = z.array(caveatSchema).superRefine((caveats, ctx) => {
  const seen = new Set<string>();
  caveats.forEach((caveat, index) => {
    if (seen.has(caveat.code)) ctx.addIssue({ code: 'custom', path: [index, 'code'], message: `duplicate caveat code ${caveat.code}` });
    seen.add(caveat.code);
  });
});

/** Every team a caveat's information names must exist; issues carry their path from the file's root. */
export function checkCaveatTeams(options: { caveats: readonly Caveat[] | undefined; teams: readonly string[] }, ctx: z.RefinementCtx): void {
  options.caveats?.forEach((caveat, index) => {
    if (caveat.info && !options.teams.includes(caveat.info.team)) {
      ctx.addIssue({ code: 'custom', path: ['caveats', index, 'info', 'team'], message: `no team named ${caveat.info.team} (teams: ${options.teams.join(', ') || 'none'})` });
    }
  });
}
