// The `channels.email` section of kept.config.yaml. Addresses default from the `kept` section, so a fresh
// install receives and sends mail without writing this section at all.
import { z } from 'zod';
import { defaultMaxMessageBytes } from './smtp-intake.js';

const domain = z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, 'a domain such as shop.example');

export const emailConfigSchema = z
  .object({
    /** Domains we receive at; plus-addresses there carry case tokens (support+K-12@shop.example). Default: the support address's domain. */
    our_domains: z.array(domain).min(1).optional(),
    /** Right-hand side of our Message-IDs; mail carrying it is ours and never ingested. Default: kept.message_id_domain. */
    message_id_domain: domain.optional(),
    /** Sender of outbound mail, e.g. `Shop Support <support@shop.example>`. Default: kept.support_address. */
    from: z.string().min(3).optional(),
    smtp: z
      .object({
        host: z.string().default('0.0.0.0'),
        max_bytes: z.number().int().positive().default(defaultMaxMessageBytes),
        /** Paths to PEM files; when set, STARTTLS is offered. */
        tls: z.object({ key_file: z.string(), cert_file: z.string() }).strict().optional(),
        /** When set, senders must authenticate (for a provider relaying to us). Passwords come from the environment. */
        auth: z
          .object({ users: z.array(z.object({ username: z.string().min(1), password_env: z.string().min(1) }).strict()).min(1) })
          .strict()
          .optional(),
      })
      .strict()
      .default({ host: '0.0.0.0', max_bytes: defaultMaxMessageBytes }),
    imap: z
      .array(
        z
          .object({
            host: z.string(),
            port: z.number().int().positive().default(993),
            secure: z.boolean().default(true),
            user: z.string(),
            /** Name of an environment variable holding the password; secrets stay out of the file. */
            password_env: z.string(),
            mailbox: z.string().default('INBOX'),
            poll_seconds: z.number().int().min(1).default(60),
            /** False accepts a self-signed certificate (a private server). */
            verify_tls: z.boolean().default(true),
          })
          .strict(),
      )
      .default([]),
    /** Attachments of inbound mail are kept in the store up to this size each; a larger one keeps its name and size, and the sender is told. */
    attachments: z
      .object({
        max_bytes: z
          .number()
          .int()
          .positive()
          .default(10 * 1024 * 1024),
      })
      .strict()
      .default({ max_bytes: 10 * 1024 * 1024 }),
    acknowledgements: z
      .object({
        per_address: z.number().int().min(1).default(3),
        window_minutes: z.number().int().min(1).default(60),
      })
      .strict()
      .default({ per_address: 3, window_minutes: 60 }),
  })
  .strict();

export type EmailConfig = z.infer<typeof emailConfigSchema>;

/** The addresses the channel uses, with the defaults filled from the `kept` section. */
export function emailAddressesOf(config: EmailConfig, kept: { support_address: string; message_id_domain: string }) {
  const supportDomain = kept.support_address.split('@')[1]?.toLowerCase() ?? kept.message_id_domain;
  return {
    ourDomains: config.our_domains ?? [supportDomain],
    messageIdDomain: config.message_id_domain ?? kept.message_id_domain,
    from: config.from ?? kept.support_address,
  };
}
