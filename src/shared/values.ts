// Branded value types for the values crack C3 is about: the compiler refuses to put one where another belongs.

declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type CustomerId = Brand<string, 'CustomerId'>;
export type CaseId = Brand<string, 'CaseId'>;
export type AgentId = Brand<string, 'AgentId'>;
export type CommitmentId = Brand<string, 'CommitmentId'>;
/** The business's order number as the customer sees it, e.g. `A-1001`. */
export type OrderNumber = Brand<string, 'OrderNumber'>;
/** The last four digits of a payment card. */
export type CardLast4 = Brand<string, 'CardLast4'>;
/** The last four digits of a bank or store account. */
export type AccountLast4 = Brand<string, 'AccountLast4'>;
export type TrackingNumber = Brand<string, 'TrackingNumber'>;

/** Money in integer minor units (cents) with an ISO 4217 currency; never a float. */
export interface Money {
  readonly amountMinor: number;
  readonly currency: string;
}

const zeroDecimalCurrencies = new Set(['JPY', 'KRW', 'VND', 'CLP', 'ISK', 'HUF', 'TWD', 'UGX', 'XAF', 'XOF']);

export function minorUnitDigits(currency: string): number {
  return zeroDecimalCurrencies.has(currency.toUpperCase()) ? 0 : 2;
}

/**
 * Converts an amount as a client sends it (a decimal number or string such as 19.99) to minor units,
 * without floating-point drift: the decimal text is split, never multiplied.
 */
export function toMoney(amount: number | string, currency: string): Money {
  const digits = minorUnitDigits(currency);
  const text = typeof amount === 'number' ? amount.toFixed(digits) : amount.trim();
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) throw new RangeError(`not a decimal amount: ${text}`);
  const [, sign, whole = '0', fraction = ''] = match;
  const padded = (fraction + '0'.repeat(digits)).slice(0, digits);
  const minor = Number(whole) * 10 ** digits + (digits ? Number(padded) : 0);
  return { amountMinor: sign ? -minor : minor, currency: currency.toUpperCase() };
}

export function formatMoney(money: Money, locale = 'en-US'): string {
  const digits = minorUnitDigits(money.currency);
  return new Intl.NumberFormat(locale, { style: 'currency', currency: money.currency }).format(money.amountMinor / 10 ** digits);
}
