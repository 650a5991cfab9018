// The only reader of process.env: every variable of SPEC §3, parsed once at start.
import { z } from 'zod';

const portSchema = z.coerce.number().int().min(0).max(65535);

export const envSchema = z.object({
  KEPT_PORT: portSchema.default(3000),
  /** Where HTTP and SMTP listen. Loopback by default, so a first start is reachable from this machine only. */
  KEPT_HOST: z.string().min(1).default('127.0.0.1'),
  KEPT_SMTP_PORT: portSchema.default(2525),
  KEPT_DATA_DIR: z.string().default('./kept-data'),
  DATABASE_URL: z.string().url().optional(),
  KEPT_CONFIG: z.string().optional(),
  KEPT_ADMIN_TOKEN: z.string().min(16, 'KEPT_ADMIN_TOKEN must be at least 16 characters').optional(),
  /** The first admin's login, created with a one-time password link at the first start of an empty store. */
  KEPT_ADMIN_EMAIL: z.email().default('admin@kept.local'),
  KEPT_CLOCK: z.enum(['system', 'manual']).default('system'),
  KEPT_SMTP_URL: z.string().url().optional(),
  /** Where `kept demo` and `kept forecast` reach a running instance. */
  KEPT_URL: z.string().url().optional(),
  /** Signing secrets of the shop webhooks (docs/connectors.md); a platform without one is refused with 401. */
  KEPT_SHOPIFY_WEBHOOK_SECRET: z.string().optional(),
  KEPT_WOOCOMMERCE_WEBHOOK_SECRET: z.string().optional(),
  KEPT_STRIPE_WEBHOOK_SECRET: z.string().optional(),
  /** How long a shutdown may take before the process exits anyway, non-zero, with a log line. */
  KEPT_SHUTDOWN_SECONDS: z.coerce.number().positive().default(20),
  /** Below this much free space in the data directory's file system, the embedded store refuses writes. */
  KEPT_MIN_FREE_MB: z.coerce.number().min(0).default(64),
  KEPT_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** A token that opens GET /metrics and nothing else, for a Prometheus scraper; an admin token works too. */
  KEPT_METRICS_TOKEN: z.string().min(16, 'KEPT_METRICS_TOKEN must be at least 16 characters').optional(),
});

export type Env = z.infer<typeof envSchema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ''));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid environment:\n  ${lines.join('\n  ')}`);
  }
  return result.data;
}

/**
 * A secret named in kept.config.yaml by its environment variable (`password_env: IMAP_PASSWORD`), so that
 * secrets stay out of the file. Read when the channel starts; undefined when unset.
 */
export function readSecretEnv(name: string, source: Record<string, string | undefined> = process.env): string | undefined {
  const value = source[name];
  return value === undefined || value === '' ? undefined : value;
}
