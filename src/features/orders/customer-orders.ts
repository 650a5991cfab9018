// Which orders each customer has, newest placement first, kept in memory through a batch: loaded once for
// the batch's customers and moved on as the batch writes orders and merges customers, so that routing a
// contact can find the orders its text names without asking the store each time.
import type { OrderWrite } from './order.js';

export interface CustomerOrders {
  /** The customer's order numbers as `listOrdersOfCustomer` orders them (by placement, newest first; unplaced first). */
  numbersOf(customerId: string): string[];
  /** What a run of events wrote to orders (each order once). */
  apply(writes: readonly OrderWrite[]): void;
  merge(options: { survivorId: string; mergedIds: readonly string[] }): void;
}

interface Placement {
  customerId: string | null;
  placedAt: Date | null;
}

export function createCustomerOrders(rows: readonly { number: string; customerId: string | null; placedAt: Date | null }[]): CustomerOrders {
  const byNumber = new Map<string, Placement>();
  const byCustomer = new Map<string, Set<string>>();
  const place = (number: string, placement: Placement) => {
    const before = byNumber.get(number);
    if (before?.customerId) byCustomer.get(before.customerId)?.delete(number);
    byNumber.set(number, placement);
    if (placement.customerId) byCustomer.set(placement.customerId, (byCustomer.get(placement.customerId) ?? new Set()).add(number));
  };
  for (const row of rows) place(row.number, { customerId: row.customerId, placedAt: row.placedAt });
  // ORDER BY placed_at DESC puts orders never placed first.
  const time = (number: string) => byNumber.get(number)?.placedAt?.getTime() ?? Number.POSITIVE_INFINITY;
  return {
    numbersOf(customerId) {
      return [...(byCustomer.get(customerId) ?? [])].sort((a, b) => (time(a) === time(b) ? 0 : time(a) < time(b) ? 1 : -1));
    },
    apply(writes) {
      for (const write of writes) {
        const before = byNumber.get(write.number);
        place(write.number, { customerId: write.customerId ?? before?.customerId ?? null, placedAt: write.isPlacement ? write.at : (before?.placedAt ?? null) });
      }
    },
    merge({ survivorId, mergedIds }) {
      for (const id of mergedIds) for (const number of [...(byCustomer.get(id) ?? [])]) place(number, { ...byNumber.get(number)!, customerId: survivorId });
    },
  };
}
