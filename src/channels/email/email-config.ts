// The `email` section of kept.config.yaml. The config loader embeds this schema; channels read the result.
import { z } from 'zod';
import { defaultMaxMessageBytes } from './smtp-intake.js';

const domain = z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, 'a domain such as shop.example');

export const emailConfigSchema = z.object({
  /** Domains we receive at; plus-addresses there carry case tokens (support+K-12@shop.example). */
  ourDomains: z.array(domain).min(1),
  /** Right-hand side of our Message-IDs; mail carrying it is ours and never ingested as inbound. */
  messageIdDomain: domain,
  /** Sender of outbound mail, e.g. `Shop Support <support@shop.example>`. */
  from: z.string().min(3),
  smtp: z
    .object({
      host: z.string().default('0.0.0.0'),
      maxBytes: z.number().int().positive().default(defaultMaxMessageBytes),
      /** Paths to PEM files; when set, STARTTLS is offered. */
      tls: z.object({ keyFile: z.string(), certFile: z.string() }).optional(),
      /** When set, senders must authenticate (for a provider relaying to us). */
      auth: z.object({ users: z.array(z.object({ username: z.string().min(1), password: z.string().min(8) })).min(1) }).optional(),
    })
    .default({ host: '0.0.0.0', maxBytes: defaultMaxMessageBytes }),
  imap: z
    .array(
      z.object({
        host: z.string(),
        port: z.number().int().positive().default(993),
        secure: z.boolean().default(true),
        user: z.string(),
        /** Name of an environment variable holding the password; secrets stay out of the file. */
        passwordEnv: z.string(),
        mailbox: z.string().default('INBOX'),
        pollSeconds: z.number().int().min(10).default(60),
      }),
    )
    .default([]),
  outbound: z
    .object({
      attempts: z.number().int().min(1).max(20).default(6),
      backoffMs: z.number().int().min(100).default(30_000),
    })
    .default({ attempts: 6, backoffMs: 30_000 }),
  acknowledgements: z
    .object({
      perAddress: z.number().int().min(1).default(3),
      windowMinutes: z.number().int().min(1).default(60),
    })
    .default({ perAddress: 3, windowMinutes: 60 }),
});

export type EmailConfig = z.infer<typeof emailConfigSchema>;
