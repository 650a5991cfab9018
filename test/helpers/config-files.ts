// Config tests write a kept.config.yaml of their own and read back the problems loadConfig reports.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../src/config/config-file.js';
import { loadConfig } from '../../src/config/config.js';

export function writeConfigFile(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'kept-config-')), 'kept.config.yaml');
  writeFileSync(path, text);
  return path;
}

/** The problems Kept refuses to start with for the config file at `path`; fails when it starts. */
export function configProblems(path: string): ConfigError['problems'] {
  try {
    loadConfig({ KEPT_CONFIG: path });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}
