// The shape of kept.config.yaml. Each feature owns its section's schema; this file composes them.
import { z } from 'zod';
import { channelsConfigSchema } from '../channels/channels-config.js';
import { commitmentConfigOf } from '../features/commitments/policy-defaults.js';
import { calendarsSectionSchema, checkCommitmentConfig, policiesSectionSchema, teamsSectionSchema } from '../features/commitments/policy.schemas.js';
import { forecastSectionSchema } from '../features/forecast/forecast-config.js';
import { promisesSectionSchema } from '../features/promises/promise-config.js';
import { connectorsSectionSchema } from '../features/connectors/connectors-config.js';
import { claimsSectionSchema } from '../features/claims/claim.js';
import { surveysSectionSchema } from '../features/surveys/survey.js';
import { reasonCatalogSchema } from '../features/comms/reason.schemas.js';
import { templateListSchema } from '../features/comms/template.schemas.js';
import { caveatsSectionSchema, checkCaveatTeams } from '../features/caveats/caveat.schemas.js';

export const instanceSectionSchema = z
  .object({
    name: z.string().default('Kept'),
    /** Where customers reach status pages and forms; links in messages are built from it. */
    public_url: z.string().url().default('http://localhost:3000'),
    support_address: z.string().email().default('support@kept.local'),
    /** The domain of the Message-IDs Kept writes; mail carrying it is our own and never ingested. */
    message_id_domain: z.string().default('kept.local'),
    default_time_zone: z.string().default('UTC'),
  })
  .strict();

export const configFileSchema = z
  .object({
    kept: instanceSectionSchema.default(instanceSectionSchema.parse({})),
    /** Business-hour calendars; a section left out is the shipped default (see docs/commitments.md). */
    calendars: calendarsSectionSchema.optional(),
    teams: teamsSectionSchema.optional(),
    /** Which event opens which commitment, its deadline, what keeps it and what breach does. */
    policies: policiesSectionSchema.optional(),
    /** The reason catalog (docs/one-voice.md); the shipped one when left out. */
    reasons: reasonCatalogSchema.optional(),
    /** Typed message templates (docs/one-voice.md); the shipped ones when left out. */
    templates: templateListSchema.optional(),
    channels: channelsConfigSchema.default(channelsConfigSchema.parse({})),
    surveys: surveysSectionSchema.optional(),
    claims: claimsSectionSchema.optional(),
    /** Absent when the file has no forecast section: readers fall back to `defaultForecastSection`. */
    forecast: forecastSectionSchema.optional(),
    signals: z.unknown().optional(),
    /** Promises found in what agents write (docs/promises.md); defaults when left out. */
    promises: promisesSectionSchema.optional(),
    /** Product caveats disclosed at purchase and information owed by a date (docs/caveats.md). */
    caveats: caveatsSectionSchema.optional(),
    /** Shop webhooks of platforms other than Shopify, WooCommerce and Stripe (docs/connectors.md). */
    connectors: connectorsSectionSchema.optional(),
  })
  .strict()
  // Kept refuses to start on a policy that names a calendar or escalation that is not there.
  .superRefine((file, ctx) => {
    const commitments = commitmentConfigOf(file);
    checkCommitmentConfig(commitments, ctx);
    checkCaveatTeams({ caveats: file.caveats, teams: Object.keys(commitments.teams) }, ctx);
  });

export type ConfigFile = z.infer<typeof configFileSchema>;
