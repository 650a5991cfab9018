// Customers: finding one by an identity, one customer, their timeline, and merging two records of the same person.
import { query, request } from './http';
import type { Customer, CustomerMatch, IdentityQuery, TimelineItem } from './types';

/** `GET /api/v1/customers?email=|phone=|handle=` — the customers holding that identity (none or one, usually). */
export async function findCustomers(identity: IdentityQuery): Promise<CustomerMatch[]> {
  const body = await request<{ items: CustomerMatch[] }>(`/customers${query(identity)}`);
  return body.items;
}

/** `GET /api/v1/customers/{id}` — identities, orders with their history, value and risk. */
export function fetchCustomer(id: string): Promise<Customer> {
  return request<Customer>(`/customers/${encodeURIComponent(id)}`);
}

/** `GET /api/v1/customers/{id}/timeline` — everything that happened to the customer, in time order. */
export async function fetchTimeline(customerId: string): Promise<TimelineItem[]> {
  const body = await request<{ items: TimelineItem[] }>(`/customers/${encodeURIComponent(customerId)}/timeline`);
  return body.items;
}

/** `POST /api/v1/customers/{id}/merge` — folds `otherId` into this customer; the history follows. */
export async function mergeCustomer(customerId: string, otherId: string): Promise<void> {
  await request<unknown>(`/customers/${encodeURIComponent(customerId)}/merge`, { method: 'POST', body: { other_id: otherId } });
}
