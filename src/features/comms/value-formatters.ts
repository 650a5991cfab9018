// One formatter per variable kind: the kind, not the caller, decides how a value is printed.
import { DateTime } from 'luxon';
import { z } from 'zod';
import { AppError } from '../../shared/app-error.js';
import { formatMoney, type Money } from '../../shared/values.js';
import { findReasonByCode } from './reason-catalog.js';
import type { ReasonCatalog } from './reason.schemas.js';
import type { VariableKind } from './template.schemas.js';

/** A value a template can print: text (order numbers, last-4, links, ISO dates, reason codes), money or an instant. */
export type TemplateValue = string | Money | Date;

const last4 = z.string().regex(/^\d{4}$/, 'exactly 4 digits');
const moneySchema = z.object({ amountMinor: z.number().int(), currency: z.string().regex(/^[A-Z]{3}$/) });
const dateSchema = z.union([z.date(), z.iso.date(), z.iso.datetime({ offset: true })]);

const valueSchemas: Record<VariableKind, z.ZodType> = {
  OrderNumber: z.string().min(1),
  CardLast4: last4,
  AccountLast4: last4,
  Money: moneySchema,
  Date: dateSchema,
  TrackingNumber: z.string().regex(/^[A-Za-z0-9-]{6,40}$/),
  PersonName: z.string().min(1),
  Reason: z.string().min(1),
  Link: z.url(),
  Text: z.string(),
};

/** The date format every channel uses, so the fact audit reads back what templates write. */
export const customerDateFormat = 'LLLL d, yyyy';

function formatDate(value: Date | string, zone: string, locale: string): string {
  // A date without a time is a calendar day (a promised delivery day): it is not moved between zones.
  const instant =
    value instanceof Date ? DateTime.fromJSDate(value).setZone(zone) : /^\d{4}-\d{2}-\d{2}$/.test(value) ? DateTime.fromISO(value, { zone }) : DateTime.fromISO(value, { setZone: true }).setZone(zone);
  if (!instant.isValid) {
    throw new AppError('validation_failed', { detail: `${String(value)} is not a date in zone ${zone}` });
  }
  return instant.setLocale(locale).toFormat(customerDateFormat);
}

export interface FormatValueOptions {
  kind: VariableKind;
  name: string;
  value: TemplateValue;
  /** IANA zone of the customer: dates are printed as the customer's calendar shows them. */
  zone: string;
  reasons: ReasonCatalog;
  locale?: string;
}

/** Checks a value against its kind and prints it; a value of the wrong shape is refused, never printed. */
export function formatValue(options: FormatValueOptions): string {
  const { kind, name, value, zone, reasons } = options;
  const locale = options.locale ?? 'en-US';
  const parsed = valueSchemas[kind].safeParse(value);
  if (!parsed.success) {
    throw new AppError('validation_failed', {
      detail: `${name} must be a ${kind}: ${parsed.error.issues[0]?.message ?? 'wrong shape'}`,
      field: name,
    });
  }
  switch (kind) {
    case 'Money':
      return formatMoney(moneySchema.parse(value), locale);
    case 'Date':
      return formatDate(dateSchema.parse(value), zone, locale);
    case 'Reason':
      return findReasonByCode(reasons, z.string().parse(value)).customer_text;
    default:
      return z.string().parse(value);
  }
}
