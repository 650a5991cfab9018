// Small display formats shared by the pages.
import type { Money } from '../api/types';

export function formatMoney(money: Money | null | undefined): string {
  if (!money) return '—';
  const amount = typeof money.amount === 'string' ? Number(money.amount) : money.amount;
  if (Number.isNaN(amount)) return `${money.amount} ${money.currency}`;
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency: money.currency }).format(amount);
  } catch {
    return `${amount} ${money.currency}`;
  }
}

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}
