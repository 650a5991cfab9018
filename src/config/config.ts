// loadConfig(): environment + kept.config.yaml, validated once, frozen, passed everywhere (STYLE habit 8).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseEnv, type Env } from './env.js';
import { checkCommsConfig, resolveCommsConfig } from '../features/comms/comms-config.js';
import { checkConnectorsConfig } from '../features/connectors/connectors-config.js';
import { buildEngineConfig } from '../features/commitments/engine-config.js';
import { commitmentConfigOf } from '../features/commitments/policy-defaults.js';
import { checkPromisesConfig } from '../features/promises/promise-config.js';
import { ConfigError, readConfigFile, type ParsedConfigFile } from './config-file.js';
import { configFileSchema, type ConfigFile } from './config-schema.js';

export interface Config {
  readonly env: Env;
  readonly file: ConfigFile;
  readonly configPath: string;
  /** Field path → line, for checks that run after the schema (templates, policies). */
  readonly lineOf: ParsedConfigFile<ConfigFile>['lineOf'];
}

/** The kept.config.yaml that ships at the package root. */
export const shippedConfigPath = fileURLToPath(new URL('../../kept.config.yaml', import.meta.url));

export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const env = parseEnv(source);
  const configPath = env.KEPT_CONFIG ?? (existsSync('kept.config.yaml') ? 'kept.config.yaml' : shippedConfigPath);
  const parsed = readConfigFile({ path: configPath, schema: configFileSchema });
  // Checks that need the whole file: a template label naming the wrong kind stops Kept here (crack C3).
  const yaml = readFileSync(configPath, 'utf8');
  const problems = checkCommsConfig({ yaml, sections: parsed.value, lineOf: parsed.lineOf });
  // A template that promises sooner than its policy holds anyone to (docs/promises.md, "Kept's own messages").
  problems.push(...checkPromisesConfig({ yaml, file: parsed.value, engine: buildEngineConfig(commitmentConfigOf(parsed.value)), lineOf: parsed.lineOf }));
  // A connector's mapping may only name reasons the catalog has: the customer is told by the catalog's text.
  problems.push(...checkConnectorsConfig({ section: parsed.value.connectors, reasonCodes: new Set(resolveCommsConfig(parsed.value).reasons.map((reason) => reason.code)), lineOf: parsed.lineOf }));
  if (problems.length > 0) throw new ConfigError(problems.map((problem) => ({ file: configPath, ...problem })));
  return deepFreeze({ env, file: parsed.value, configPath, lineOf: parsed.lineOf });
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
