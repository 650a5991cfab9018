// The `signals:` section of kept.config.yaml: which skills a case needs, and how often the unassigned-case
// sweep runs when the clock is real.
import { z } from 'zod';
import { ConfigError } from '../../config/config-file.js';

export const signalsConfigSchema = z
  .object({
    assignment: z
      .object({
        /** Skills an agent needs to own a case, by the channel it came in on (e.g. `sms: [sms]`). */
        skills_by_channel: z.record(z.string(), z.array(z.string())).default({}),
        /** Skills by the case's kind (e.g. `claim: [claims]`). */
        skills_by_kind: z.record(z.string(), z.array(z.string())).default({}),
        /** Seconds between two runs of the unassigned-case sweep (real clock only; 0 turns it off). */
        sweep_every_seconds: z.number().int().min(0).default(60),
      })
      .strict()
      .default({ skills_by_channel: {}, skills_by_kind: {}, sweep_every_seconds: 60 }),
  })
  .strict();

export type SignalsConfig = z.infer<typeof signalsConfigSchema>;

/** Parses the section (the loader leaves it to us), naming file, line and field of every problem. */
export function parseSignalsConfig(config: { file: { signals?: unknown }; configPath: string; lineOf(path: readonly (string | number)[]): number | undefined }): SignalsConfig {
  const result = signalsConfigSchema.safeParse(config.file.signals ?? {});
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => {
      const path = ['signals', ...issue.path.map((part) => (typeof part === 'number' ? part : String(part)))];
      return { file: config.configPath, line: config.lineOf(path), field: path.join('.'), message: issue.message };
    }),
  );
}

/** The skills a case needs: those of its kind and of its channel, once each. */
export function requiredSkillsFor(config: SignalsConfig, input: { kind: string; channel: string | null }): string[] {
  const byKind = config.assignment.skills_by_kind[input.kind] ?? [];
  const byChannel = input.channel ? (config.assignment.skills_by_channel[input.channel] ?? []) : [];
  return [...new Set([...byKind, ...byChannel])];
}
