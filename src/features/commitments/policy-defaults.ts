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
