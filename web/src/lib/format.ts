// Small display formats shared by the pages.
import type { Money } from '../api/types';

/** An amount in minor units (cents) in its currency, e.g. 12990 EUR → "€129.90". */
export function formatMinor(amountMinor: number, currency: string): string {
  try {
    const format = new Intl.NumberFormat(undefined, { style: 'currency', currency });
    const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
    return format.format(amountMinor / 10 ** digits);
  } catch {
    return `${amountMinor} ${currency} (minor units)`;
  }
}

/** A total as the server formatted it, or formatted here from its minor units. */
export function formatMoney(money: Money | null | undefined): string {
  if (!money) return '—';
  return money.formatted ?? formatMinor(money.amount_minor, money.currency);
}

/** Spend in several currencies, e.g. `{EUR: 12990, USD: 500}` → "€129.90 · $5.00". */
export function formatSpend(spendMinor: Record<string, number> | null | undefined): string {
  const entries = Object.entries(spendMinor ?? {});
  if (entries.length === 0) return '—';
  return entries.map(([currency, amount]) => formatMinor(amount, currency)).join(' · ');
}

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}
