// The `channels` section of kept.config.yaml: email, the web contact form, social DMs and SMS.
import { z } from 'zod';
import { emailConfigSchema } from './email/email-config.js';

export const webFormConfigSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** Submissions allowed per client address within the window. */
    max_per_window: z.number().int().min(1).default(5),
    window_minutes: z.number().int().min(1).default(10),
  })
  .strict();

export const socialConfigSchema = z
  .object({
    /** Environment variable holding the HMAC-SHA256 secret the DM provider signs webhooks with. */
    secret_env: z.string().default('KEPT_SOCIAL_SECRET'),
    /** Where replies are POSTed (signed the same way); without it they are captured in the outbox. */
    outbound_url: z.string().url().optional(),
  })
  .strict();

export const smsConfigSchema = z
  .object({
    /** Environment variable holding the Twilio auth token that signs inbound webhooks. */
    auth_token_env: z.string().default('KEPT_TWILIO_AUTH_TOKEN'),
    /** The URL Twilio calls, as Twilio sees it (signatures cover it); default: kept.public_url + the path. */
    webhook_url: z.string().url().optional(),
  })
  .strict();

export const channelsConfigSchema = z
  .object({
    email: emailConfigSchema.default(emailConfigSchema.parse({})),
    web_form: webFormConfigSchema.default(webFormConfigSchema.parse({})),
    social: socialConfigSchema.default(socialConfigSchema.parse({})),
    sms: smsConfigSchema.default(smsConfigSchema.parse({})),
  })
  .strict();

export type ChannelsConfig = z.infer<typeof channelsConfigSchema>;
