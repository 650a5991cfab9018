// Strings of the customer status page, from ICU message catalogues (English ships; a locale file adds a language).
import { readFileSync } from 'node:fs';
import { IntlMessageFormat } from 'intl-messageformat';
import { z } from 'zod';
import { AppError } from '../../shared/app-error.js';

const catalogueSchema = z.record(z.string(), z.string());
export type MessageCatalogue = z.infer<typeof catalogueSchema>;

const english = catalogueSchema.parse(JSON.parse(readFileSync(new URL('./i18n/status-page.en.json', import.meta.url), 'utf8')));
const catalogues = new Map<string, MessageCatalogue>([['en', english]]);
const compiled = new Map<string, IntlMessageFormat>();

/** Adds or replaces the strings of one locale, e.g. `de`; keys it lacks fall back to English. */
export function registerStatusStrings(options: { locale: string; messages: unknown }): void {
  catalogues.set(options.locale, catalogueSchema.parse(options.messages));
  for (const key of compiled.keys()) if (key.startsWith(`${options.locale}\u0000`)) compiled.delete(key);
}

export type MessageValues = Record<string, string | number | Date>;

/**
 * The status-page string for `key`, formatted with `vars` (ICU MessageFormat: plurals, numbers).
 * Falls back from `de-AT` to `de` to English; an unknown key is a programming error.
 */
export function t(key: string, vars: MessageValues = {}, locale = 'en'): string {
  const candidates = [locale, locale.split('-')[0] ?? locale, 'en'];
  const found = candidates.find((candidate) => catalogues.get(candidate)?.[key] !== undefined) ?? 'en';
  const source = catalogues.get(found)?.[key];
  if (source === undefined) throw new AppError('internal', { detail: `no status-page string ${key}` });
  const cacheKey = `${found}\u0000${key}`;
  let format = compiled.get(cacheKey);
  if (!format) {
    format = new IntlMessageFormat(source, found);
    compiled.set(cacheKey, format);
  }
  const text = format.format(vars);
  if (typeof text !== 'string') throw new AppError('internal', { detail: `status-page string ${key} is not plain text` });
  return text;
}
