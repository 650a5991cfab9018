// Small readers for platform payloads: JSON from outside is `unknown` until a reader says what it is.
import { MappingError } from './connector.js';

export type Json = Record<string, unknown>;

export function objectAt(value: unknown, key: string): Json | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const inner = (value as Json)[key];
  return inner && typeof inner === 'object' && !Array.isArray(inner) ? (inner as Json) : undefined;
}

export function arrayAt(value: unknown, key: string): Json[] {
  if (!value || typeof value !== 'object') return [];
  const inner = (value as Json)[key];
  return Array.isArray(inner) ? inner.filter((item): item is Json => Boolean(item) && typeof item === 'object' && !Array.isArray(item)) : [];
}

/** A string or number field as trimmed text; undefined when absent or empty. */
export function textAt(value: unknown, key: string): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const inner = (value as Json)[key];
  if (typeof inner === 'string') return inner.trim() || undefined;
  if (typeof inner === 'number' && Number.isFinite(inner)) return String(inner);
  return undefined;
}

export function requiredText(value: unknown, key: string, what: string): string {
  const text = textAt(value, key);
  if (text === undefined) throw new MappingError(`${what} has no ${key}`);
  return text;
}

/** An ISO time from a platform's own timestamp (ISO with or without offset, read as UTC without one). */
export function isoAt(value: unknown, key: string): string | undefined {
  const text = textAt(value, key);
  if (!text) return undefined;
  const withZone = /[zZ]|[+-]\d{2}:?\d{2}$/.test(text) ? text : `${text}Z`;
  const time = new Date(withZone);
  return Number.isNaN(time.getTime()) ? undefined : time.toISOString();
}

/** Unix seconds (Stripe's `created`) as ISO. */
export function isoFromUnix(seconds: unknown): string | undefined {
  return typeof seconds === 'number' && Number.isFinite(seconds) ? new Date(seconds * 1000).toISOString() : undefined;
}

/** The last four digits of a masked card number ("•••• •••• •••• 4242"), when it ends in four digits. */
export function last4Of(masked: string | undefined): string | undefined {
  const match = masked?.match(/(\d{4})\s*$/);
  return match?.[1];
}

/** A decimal amount in text ("19.99"), from a platform's string or number; negative amounts read as positive. */
export function amountText(value: string | undefined): string | undefined {
  if (value === undefined || !/^-?\d+(\.\d+)?$/.test(value)) return undefined;
  return value.replace(/^-/, '');
}

/** Minor units (Stripe's integer amounts) as a decimal text, by the currency's digits. */
export function minorToDecimal(minor: number, currency: string): string {
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency: currency.toUpperCase() }).resolvedOptions().maximumFractionDigits ?? 2;
  return (minor / 10 ** digits).toFixed(digits);
}

/** Leaves out the keys whose value is undefined (the event schemas are exact about optional fields). */
export function defined<T extends Json>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, inner]) => inner !== undefined)) as T;
}

export function nameOf(person: Json | undefined): string | undefined {
  if (!person) return undefined;
  const full = textAt(person, 'name') ?? [textAt(person, 'first_name'), textAt(person, 'last_name')].filter(Boolean).join(' ');
  return full || undefined;
}
