// Reads the shipped default calendars, teams and policies that live beside this module.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { commitmentConfigSchema, type CommitmentConfig } from './policy.schemas.js';

/** Where the shipped defaults are, so the config loader can name the file in its errors. */
export const defaultPoliciesUrl = new URL('./policies.defaults.yaml', import.meta.url);

/** The shipped defaults, parsed and validated; throws if the shipped file itself is broken. */
export function loadDefaultCommitmentConfig(): CommitmentConfig {
  const text = readFileSync(defaultPoliciesUrl, 'utf8');
  return commitmentConfigSchema.parse(parse(text));
}

/**
 * The engine's sections of a config file: each section the file leaves out is the shipped default, so a
 * file that only changes `policies` keeps the default calendars.
 */
export function commitmentConfigOf(file: Partial<CommitmentConfig>): CommitmentConfig {
  if (file.calendars && file.teams && file.policies) return { calendars: file.calendars, teams: file.teams, policies: file.policies };
  const defaults = loadDefaultCommitmentConfig();
  return { calendars: file.calendars ?? defaults.calendars, teams: file.teams ?? defaults.teams, policies: file.policies ?? defaults.policies };
}
