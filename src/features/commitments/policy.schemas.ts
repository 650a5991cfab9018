// The `calendars`, `teams` and `policies` sections of kept.config.yaml: one zod schema each is the type,
// the validator and the documentation of the shape. Cross-references are checked by commitmentConfigSchema.
import { z } from 'zod';
import { createBusinessCalendar, weekdays, type BusinessCalendarDefinition, type Weekday } from './calendar.js';
import { matcherSchema } from './matcher.js';

export const commitmentKinds = ['acknowledge', 'first_response', 'follow_up', 'notify', 'escalation', 'resolution', 'document', 'callback', 'refund', 'update', 'disclose', 'provide_info'] as const;
export type CommitmentKind = (typeof commitmentKinds)[number];

const ianaZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'an IANA time zone such as Europe/Berlin');

const periodSchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d-(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'a period such as 09:00-17:30')
  .refine((text) => {
    const [from = '', to = ''] = text.split('-');
    return from < to;
  }, 'a period must end after it starts')
  .transform((text) => {
    const [from = '', to = ''] = text.split('-');
    return { from, to };
  });

const isoDate = z.iso.date();

const calendarSchema = z.strictObject({
  zone: ianaZone,
  /** Opening periods per weekday; a day left out is closed. */
  hours: z.strictObject(Object.fromEntries(weekdays.map((d) => [d, z.array(periodSchema).optional()])) as Record<Weekday, z.ZodOptional<z.ZodArray<typeof periodSchema>>>),
  holidays: z.array(isoDate).default([]),
});

/** `calendars:` — named business-hour calendars. */
export const calendarsSectionSchema = z
  .record(z.string().regex(/^[a-z][a-z0-9_-]*$/), calendarSchema)
  .transform(
    (section): Record<string, BusinessCalendarDefinition> => Object.fromEntries(Object.entries(section).map(([name, c]) => [name, { name, zone: c.zone, hours: c.hours, holidays: c.holidays }])),
  );

/** `teams:` — each team answers on the hours of one calendar. */
export const teamsSectionSchema = z.record(z.string(), z.strictObject({ calendar: z.string() }));

const deadlineSchema = z.union([
  z.strictObject({ minutes: z.number().int().positive() }),
  z.strictObject({ business_minutes: z.number().int().positive(), calendar: z.string().optional() }),
  z.strictObject({ business_days: z.number().int().positive(), calendar: z.string().optional() }),
]);
export type DeadlineRule = z.infer<typeof deadlineSchema>;

const actionSchema = z.discriminatedUnion('type', [
  /** Flags the case escalated and opens an escalation commitment owned by a manager. */
  z.strictObject({ type: z.literal('escalate'), policy: z.string().optional() }),
  /** Hands the commitment (and its case) to someone else: a manager or another agent of the team. */
  z.strictObject({ type: z.literal('reassign'), to: z.enum(['manager', 'team']).default('team') }),
  /** Sends the reason catalog's fallback message for the event that opened the commitment. */
  z.strictObject({ type: z.literal('send_fallback') }),
  z.strictObject({
    type: z.literal('webhook'),
    url: z.url({ protocol: /^https?$/ }),
    secret: z.string().min(16, 'a webhook secret of at least 16 characters'),
  }),
  z.strictObject({ type: z.literal('flag'), label: z.string().default('commitment_breached') }),
]);
export type PolicyAction = z.infer<typeof actionSchema>;

const fulfilmentSchema = z.union([
  /** A message sent on the case (status sent; a held message keeps nothing). */
  z.strictObject({
    message_out: z.strictObject({
      author: z.enum(['any', 'human', 'automatic', 'manager']).default('any'),
      mentions_order: z.boolean().default(false),
    }),
  }),
  /** An ingested event of this type on the same order (or case when the commitment has no order). */
  z.strictObject({ event: z.string() }),
  z.strictObject({ case_resolved: z.literal(true) }),
]);
export type FulfilmentRule = z.infer<typeof fulfilmentSchema>;

const policySchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_-]*$/, 'a policy id in kebab-case'),
  description: z.string().optional(),
  opens: z.enum(commitmentKinds),
  on: z.strictObject({
    events: z.array(z.string()).min(1),
    match: matcherSchema.optional(),
  }),
  /** While one of this policy's commitments is open for the same case (or order), another is not opened. */
  once_per: z.enum(['case', 'order', 'event']).default('case'),
  deadline: deadlineSchema,
  owner: z.enum(['case_owner', 'manager', 'unassigned']).default('case_owner'),
  fulfilled_by: z.array(fulfilmentSchema).min(1),
  pause_while_pending: z.boolean().default(false),
  at_risk: z.strictObject({ lead_minutes: z.number().int().positive(), actions: z.array(actionSchema).default([]) }).optional(),
  on_breach: z.array(actionSchema).default([]),
});
export type Policy = z.infer<typeof policySchema>;

/** `policies:` — which event opens which commitment, its deadline, what keeps it and what breach does. */
export const policiesSectionSchema = z.array(policySchema).superRefine((policies, ctx) => {
  const seen = new Set<string>();
  policies.forEach((policy, index) => {
    if (seen.has(policy.id)) ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `duplicate policy id ${policy.id}` });
    seen.add(policy.id);
  });
});

/** The three sections as the engine uses them. */
export interface CommitmentConfig {
  calendars: z.infer<typeof calendarsSectionSchema>;
  teams: z.infer<typeof teamsSectionSchema>;
  policies: Policy[];
}

/**
 * Checks every reference between the sections (team and deadline calendars, escalate targets) and that every
 * calendar can be built (a calendar never open is refused). Issues carry their path from the file's root.
 */
export function checkCommitmentConfig(config: CommitmentConfig, ctx: z.RefinementCtx): void {
  const calendarNames = new Set(Object.keys(config.calendars));
  for (const [name, definition] of Object.entries(config.calendars)) {
    try {
      createBusinessCalendar(definition);
    } catch (error) {
      ctx.addIssue({ code: 'custom', path: ['calendars', name], message: error instanceof Error ? error.message : String(error) });
    }
  }
  for (const [team, { calendar }] of Object.entries(config.teams)) {
    if (!calendarNames.has(calendar)) ctx.addIssue({ code: 'custom', path: ['teams', team, 'calendar'], message: `no calendar named ${calendar}` });
  }
  const policyIds = new Map(config.policies.map((p) => [p.id, p]));
  config.policies.forEach((policy, index) => {
    const deadline = policy.deadline;
    if (!('minutes' in deadline)) {
      const name = deadline.calendar ?? 'default';
      if (!calendarNames.has(name)) {
        ctx.addIssue({ code: 'custom', path: ['policies', index, 'deadline', 'calendar'], message: `no calendar named ${name}` });
      }
    }
    const actions = [...policy.on_breach, ...(policy.at_risk?.actions ?? [])];
    for (const action of actions) {
      if (action.type !== 'escalate') continue;
      const target = action.policy ? policyIds.get(action.policy) : config.policies.find((p) => p.opens === 'escalation');
      if (!target || target.opens !== 'escalation') {
        ctx.addIssue({ code: 'custom', path: ['policies', index, 'on_breach'], message: `escalate needs a policy that opens an escalation${action.policy ? ` (${action.policy} does not)` : ''}` });
      }
    }
  });
}

/** The three sections together, with every reference between them checked. */
export const commitmentConfigSchema = z
  .object({
    calendars: calendarsSectionSchema,
    teams: teamsSectionSchema.default({}),
    policies: policiesSectionSchema,
  })
  .superRefine(checkCommitmentConfig);
