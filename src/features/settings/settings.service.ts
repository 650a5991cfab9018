// The loaded configuration, read-only, for the console's settings page.
import type { ConfigFile } from '../../config/config-schema.js';
import { maskSecrets, maskUrlPasswords } from './settings.js';

/** Each section of kept.config.yaml as loaded (defaults applied, secrets masked), plus the file and its errors. */
export type SettingsView = Record<string, unknown> & {
  config_path: string;
  /** Start refuses an invalid file, so a running server has none; the field is kept for the console. */
  errors: Array<{ file?: string; line?: number; field?: string; message: string }>;
};

export function createSettingsService(deps: { file: ConfigFile; configPath: string }) {
  const sections = maskUrlPasswords(maskSecrets(deps.file)) as Record<string, unknown>;

  /** Every loaded section, by its name in the file. */
  function getSettings(): SettingsView {
    return { ...sections, config_path: deps.configPath, errors: [] };
  }

  return { getSettings };
}

export type SettingsService = ReturnType<typeof createSettingsService>;
